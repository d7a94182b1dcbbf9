namespace SlurmSearch.Cli;

/// <summary>What the CLI takes from its process: environment variables and how to start itself again (for workers).</summary>
/// <param name="GetVariable">Reads an environment variable.</param>
/// <param name="SelfCommand">The command line prefix that starts this same <c>ssearch</c> (the single-file executable, or <c>dotnet ssearch.dll</c>).</param>
/// <param name="IsTerminal">True when standard output is a terminal (tables and progress bars are drawn only then).</param>
public sealed record CliEnvironment(Func<string, string?> GetVariable, IReadOnlyList<string> SelfCommand, bool IsTerminal)
{
    /// <summary>The environment of the running process.</summary>
    public static CliEnvironment FromProcess() =>
        new(Environment.GetEnvironmentVariable, SelfInvocation.Command(), !Console.IsOutputRedirected);
}
