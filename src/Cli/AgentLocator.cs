namespace SlurmSearch.Cli;

/// <summary>Finds the A2C agent program (<c>rl_agent</c>) that the demo and the shipped experiments run as their objective.</summary>
public static class AgentLocator
{
    /// <summary>The environment variable that overrides where the agent is.</summary>
    public const string EnvironmentVariable = "SSEARCH_RL_AGENT";

    /// <summary>The shell command that starts the agent; throws a clear error when it is nowhere.</summary>
    public static string Command(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var here = AppContext.BaseDirectory;
        foreach (var dir in new[] { Path.Combine(here, "agents"), here })
        {
            // A single-file install puts rl_agent beside ssearch; a build puts the framework-dependent one in agents/.
            var apphost = Path.Combine(dir, "rl_agent");
            if (File.Exists(apphost))
            {
                return Quote(apphost);
            }

            var dll = Path.Combine(dir, "rl_agent.dll");
            if (File.Exists(dll))
            {
                return $"dotnet {Quote(dll)}";
            }
        }

        throw new UsageException($"the A2C agent (rl_agent) is not beside ssearch in {here}: build the solution, or set ${EnvironmentVariable}");
    }

    private static string Quote(string path) => SlurmSearch.Sessions.Objectives.CommandObjective.ShellQuote(path);
}
