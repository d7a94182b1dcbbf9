namespace SlurmSearch.Sessions.Slurm;

/// <summary>A Slurm command other than a submission failed, timed out or printed something we cannot read.</summary>
public sealed class SlurmCommandException : SearchException
{
    private SlurmCommandException(string message, SlurmCommand command, int? commandExitCode, string stderr)
        : base(message)
    {
        Command = command;
        CommandExitCode = commandExitCode;
        Stderr = stderr;
    }

    /// <summary>The command that failed.</summary>
    public SlurmCommand Command { get; }

    /// <summary>The command's exit code, or null when it did not finish.</summary>
    public int? CommandExitCode { get; }

    /// <summary>What the command wrote to stderr.</summary>
    public string Stderr { get; }

    /// <inheritdoc />
    public override int ExitCode => 5;

    /// <summary>The command exited non-zero: <c>{command} failed (exit {code}): {first stderr line}</c>.</summary>
    public static SlurmCommandException Failed(SlurmCommand command, SlurmCommandResult result) =>
        new(
            $"{command} failed (exit {result.ExitCode}): {SlurmCommandResult.FirstLineOf(result.Stderr) ?? "no error text"}",
            command,
            result.ExitCode,
            result.Stderr);

    /// <summary>The command did not finish in time and was killed.</summary>
    public static SlurmCommandException TimedOut(SlurmCommand command, TimeSpan timeout) =>
        new($"{command} did not finish within {timeout.TotalSeconds:0.#} s and was killed", command, null, string.Empty);

    /// <summary>The command's output has a line we cannot read.</summary>
    public static SlurmCommandException Unreadable(SlurmCommand command, string line, string why) =>
        new($"{command} printed an unreadable line '{line}': {why}", command, 0, string.Empty);
}
