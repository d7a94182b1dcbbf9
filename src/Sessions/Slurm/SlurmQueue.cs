namespace SlurmSearch.Sessions.Slurm;

/// <summary>What one squeue call reported for a set of jobs: one <see cref="SlurmTaskStatus"/> per array task, grouped by array job id.</summary>
public sealed class SlurmQueue
{
    private readonly Dictionary<string, IReadOnlyList<SlurmTaskStatus>> _byJob;

    /// <summary>Groups <paramref name="tasks"/> by <see cref="SlurmTaskStatus.ArrayJobId"/>, tasks ordered by index.</summary>
    public SlurmQueue(IEnumerable<SlurmTaskStatus> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        Tasks = [.. tasks.OrderBy(t => t.ArrayJobId.Length).ThenBy(t => t.ArrayJobId, StringComparer.Ordinal).ThenBy(t => t.TaskIndex ?? -1)];
        _byJob = Tasks
            .GroupBy(t => t.ArrayJobId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SlurmTaskStatus>)[.. g], StringComparer.Ordinal);
    }

    /// <summary>An empty queue.</summary>
    public static SlurmQueue Empty { get; } = new([]);

    /// <summary>Every task, ordered by job id then task index.</summary>
    public IReadOnlyList<SlurmTaskStatus> Tasks { get; }

    /// <summary>The tasks grouped by array job id (a plain job is a group of one with a null task index).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SlurmTaskStatus>> Jobs => _byJob;

    /// <summary>Whether no task is active (every one finished, or none was listed).</summary>
    public bool IsIdle => Tasks.All(t => !t.IsActive);

    /// <summary>One line for logs and test messages: <c>12_0 RUNNING, 12_1 PENDING (Resources)</c>, or <c>(empty)</c>.</summary>
    public override string ToString() =>
        Tasks.Count == 0 ? "(empty)" : string.Join(", ", Tasks.Select(t => t.Reason is null ? $"{t.DisplayId} {t.StateName}" : $"{t.DisplayId} {t.StateName} ({t.Reason})"));

    /// <summary>The tasks of array job <paramref name="arrayJobId"/>, or an empty list when squeue listed none.</summary>
    public IReadOnlyList<SlurmTaskStatus> TasksOf(string arrayJobId)
    {
        ArgumentNullException.ThrowIfNull(arrayJobId);
        return _byJob.TryGetValue(arrayJobId, out var tasks) ? tasks : [];
    }
}
