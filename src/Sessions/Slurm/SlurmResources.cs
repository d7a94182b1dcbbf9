namespace SlurmSearch.Sessions.Slurm;

/// <summary>What a Slurm job asks for (partition, time, GPUs, …) plus its per-cluster setup lines: a config profile or CLI flags; null means "not set".</summary>
/// <remarks>
/// Layers combine with <see cref="Merge"/>: a profile from <c>config.yaml</c>, then the command-line flags on top.
/// </remarks>
public sealed record SlurmResources
{
    /// <summary>Nothing set: Slurm's (or the cluster's) defaults apply.</summary>
    public static SlurmResources None { get; } = new();

    /// <summary><c>--partition</c>.</summary>
    public string? Partition { get; init; }

    /// <summary><c>--account</c>.</summary>
    public string? Account { get; init; }

    /// <summary><c>--qos</c>.</summary>
    public string? Qos { get; init; }

    /// <summary><c>--time</c>, in any form Slurm accepts (see <see cref="SlurmTimeLimit"/>).</summary>
    public string? Time { get; init; }

    /// <summary><c>--nodes</c>.</summary>
    public int? Nodes { get; init; }

    /// <summary><c>--cpus-per-task</c> (rl_utils' <c>c</c>).</summary>
    public int? CpusPerTask { get; init; }

    /// <summary><c>--mem</c>, e.g. <c>16G</c> or <c>4000</c> (MB).</summary>
    public string? Mem { get; init; }

    /// <summary><c>--gres</c>, e.g. <c>gpu:1</c> or <c>gpu:a100:2</c>.</summary>
    public string? Gres { get; init; }

    /// <summary><c>--constraint</c>, e.g. <c>a40</c> or <c>a40|a100</c>.</summary>
    public string? Constraint { get; init; }

    /// <summary><c>--comment</c>.</summary>
    public string? Comment { get; init; }

    /// <summary>Nodes never to run on (<c>--exclude</c>; config <c>slurm_ignore_nodes</c> adds to it).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Further sbatch options, one per entry (<c>--reservation=x</c>, or a full <c>#SBATCH …</c> line).</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Shell lines run before the worker (module loads, cluster quirks), in order.</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Layers <paramref name="overrides"/> on top of this: every value it sets wins; excluded nodes are united; extra options and setup lines are appended (for sbatch the later option wins).</summary>
    public SlurmResources Merge(SlurmResources overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new SlurmResources
        {
            Partition = overrides.Partition ?? Partition,
            Account = overrides.Account ?? Account,
            Qos = overrides.Qos ?? Qos,
            Time = overrides.Time ?? Time,
            Nodes = overrides.Nodes ?? Nodes,
            CpusPerTask = overrides.CpusPerTask ?? CpusPerTask,
            Mem = overrides.Mem ?? Mem,
            Gres = overrides.Gres ?? Gres,
            Constraint = overrides.Constraint ?? Constraint,
            Comment = overrides.Comment ?? Comment,
            Exclude = [.. Exclude.Concat(overrides.Exclude).Distinct(StringComparer.Ordinal)],
            Extra = [.. Extra, .. overrides.Extra],
            Setup = [.. Setup, .. overrides.Setup],
        };
    }

    /// <summary>Whether both set the same values (lists compared element by element).</summary>
    public bool Equals(SlurmResources? other) =>
        other is not null
        && Partition == other.Partition && Account == other.Account && Qos == other.Qos && Time == other.Time
        && Nodes == other.Nodes && CpusPerTask == other.CpusPerTask && Mem == other.Mem && Gres == other.Gres
        && Constraint == other.Constraint && Comment == other.Comment
        && Exclude.SequenceEqual(other.Exclude) && Extra.SequenceEqual(other.Extra) && Setup.SequenceEqual(other.Setup);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Partition, Account, Time, Gres, CpusPerTask, Exclude.Count, Extra.Count, Setup.Count);
}
