namespace SlurmSearch.Sessions.Slurm;

/// <summary>One invocation of a Slurm command-line tool: the program and its arguments, passed without a shell.</summary>
public sealed record SlurmCommand
{
    /// <summary>Creates a command; arguments are kept exactly as given (no splitting, no quoting).</summary>
    public SlurmCommand(string program, IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        ArgumentNullException.ThrowIfNull(arguments);
        Program = program;
        Arguments = [.. arguments];
    }

    /// <summary>The program: <c>sbatch</c>, <c>squeue</c>, <c>scancel</c>, <c>scontrol</c>, or a path.</summary>
    public string Program { get; }

    /// <summary>The arguments, one element per argv entry.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Whether two commands have the same program and the same arguments in the same order.</summary>
    public bool Equals(SlurmCommand? other) =>
        other is not null && Program == other.Program && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Program);
        foreach (var argument in Arguments)
        {
            hash.Add(argument);
        }

        return hash.ToHashCode();
    }

    /// <summary>The command as a shell line a user can copy and run (each word quoted as needed).</summary>
    public override string ToString() => ShellQuote.Join([Program, .. Arguments]);
}
