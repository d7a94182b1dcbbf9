namespace SlurmSearch.Sessions.Slurm;

/// <summary>Slurm cannot be used here: a Slurm command is not installed or the controller does not answer.</summary>
public sealed class SlurmUnavailableException : SearchException
{
    private SlurmUnavailableException(string message, string program, Exception? inner)
        : base(message, inner)
    {
        Program = program;
    }

    /// <summary>The Slurm command that could not be used (<c>sbatch</c>, <c>squeue</c>, …).</summary>
    public string Program { get; }

    /// <inheritdoc />
    public override int ExitCode => 5;

    /// <summary>The command is not installed: <c>Slurm is not available: 'sbatch' was not found on PATH</c>.</summary>
    public static SlurmUnavailableException NotInstalled(string program, Exception? inner = null) =>
        new($"Slurm is not available: '{program}' was not found on PATH", program, inner);

    /// <summary>The command exists but the controller does not answer; <paramref name="detail"/> is the command's own first error line.</summary>
    public static SlurmUnavailableException NotResponding(string program, string detail) =>
        new($"Slurm is not available: the controller does not answer ({program}: {detail})", program, null);
}
