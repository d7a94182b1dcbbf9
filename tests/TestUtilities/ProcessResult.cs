namespace SlurmSearch.TestUtilities;

/// <summary>What a child process did.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
