namespace SlurmSearch.Cli;

/// <summary>Builds and runs the <c>ssearch</c> command tree against the given writers (tests capture them).</summary>
public static class CliApp
{
    /// <summary>Runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("error: no commands yet");
        return 1;
    }
}
