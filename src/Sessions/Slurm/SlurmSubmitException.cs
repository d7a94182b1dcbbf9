namespace SlurmSearch.Sessions.Slurm;

/// <summary><c>sbatch</c> refused a job (bad partition, impossible resources, …): carries sbatch's own error text.</summary>
public sealed class SlurmSubmitException : SearchException
{
    private SlurmSubmitException(string message, string scriptPath, int sbatchExitCode, string stderr)
        : base(message)
    {
        ScriptPath = scriptPath;
        SbatchExitCode = sbatchExitCode;
        Stderr = stderr;
    }

    /// <summary>The batch script that was submitted.</summary>
    public string ScriptPath { get; }

    /// <summary>sbatch's process exit code.</summary>
    public int SbatchExitCode { get; }

    /// <summary>Everything sbatch wrote to stderr.</summary>
    public string Stderr { get; }

    /// <summary>The first non-empty line of sbatch's stderr (Slurm puts the reason there), or a note that there was none.</summary>
    public string FirstErrorLine => SlurmCommandResult.FirstLineOf(Stderr) ?? "(sbatch printed no error)";

    /// <inheritdoc />
    public override int ExitCode => 5;

    /// <summary>Creates the exception with a uniform message: <c>sbatch rejected {script}: {first stderr line}</c>.</summary>
    public static SlurmSubmitException Rejected(string scriptPath, int sbatchExitCode, string stderr)
    {
        var first = SlurmCommandResult.FirstLineOf(stderr) ?? $"exit code {sbatchExitCode}, no error text";
        return new SlurmSubmitException($"sbatch rejected {scriptPath}: {first}", scriptPath, sbatchExitCode, stderr);
    }

    /// <summary>sbatch claimed success but printed no job id we can read.</summary>
    public static SlurmSubmitException UnreadableJobId(string scriptPath, string stdout) =>
        new($"sbatch accepted {scriptPath} but printed no job id (stdout: '{stdout.Trim()}')", scriptPath, 0, string.Empty);
}
