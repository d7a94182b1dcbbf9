using SlurmSearch.Cli;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests;

/// <summary>Runs ssearch in-process with captured writers, or as a real child process.</summary>
public static class CliRunner
{
    public static ProcessResult Run(params string[] args) => Run(null, args);

    public static ProcessResult Run(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment(
            name => env is not null && env.TryGetValue(name, out var v) ? v : name == "SSEARCH_HOME" || name == "SSEARCH_BACKEND" ? null : Environment.GetEnvironmentVariable(name),
            SelfCommand,
            IsTerminal: false);
        var code = CliApp.Run(args, stdout, stderr, environment);
        return new ProcessResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>How to start the real ssearch built next to the tests.</summary>
    public static IReadOnlyList<string> SelfCommand { get; } = ["dotnet", Path.Combine(AppContext.BaseDirectory, "ssearch.dll")];

    /// <summary>Starts ssearch as a child process.</summary>
    public static System.Diagnostics.Process Start(params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(SelfCommand[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var part in SelfCommand.Skip(1).Concat(args))
        {
            psi.ArgumentList.Add(part);
        }

        return System.Diagnostics.Process.Start(psi) ?? throw new InvalidOperationException("ssearch did not start");
    }
}
