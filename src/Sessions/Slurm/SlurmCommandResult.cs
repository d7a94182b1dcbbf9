namespace SlurmSearch.Sessions.Slurm;

/// <summary>What a finished Slurm command did: its exit code and its captured output.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Everything written to standard output.</param>
/// <param name="Stderr">Everything written to standard error.</param>
public sealed record SlurmCommandResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>A successful run that printed <paramref name="stdout"/> and nothing on stderr.</summary>
    public static SlurmCommandResult Success(string stdout = "") => new(0, stdout, string.Empty);

    /// <summary>The first line of <paramref name="text"/> that is not blank, trimmed; null when there is none.</summary>
    public static string? FirstLineOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                return trimmed;
            }
        }

        return null;
    }
}
