namespace SlurmSearch.Agents.Tests.Cli;

/// <summary>Runs <c>rl_agent</c> in process with captured output and a given environment.</summary>
internal sealed record AgentRun(int ExitCode, string Stdout, string Stderr)
{
    public string LastLine => Stdout.TrimEnd('\n').Split('\n')[^1];

    public static AgentRun Invoke(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = AgentProgram.Run(args, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null, stdout, stderr);
        return new AgentRun(code, stdout.ToString(), stderr.ToString());
    }

    public static AgentRun Invoke(params string[] args) => Invoke(null, args);
}
