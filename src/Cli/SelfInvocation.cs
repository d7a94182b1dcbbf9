using System.Reflection;

namespace SlurmSearch.Cli;

/// <summary>Finds how to start this program again: the self-contained executable itself, or the host plus the assembly.</summary>
public static class SelfInvocation
{
    /// <summary>The argv prefix that runs this <c>ssearch</c>.</summary>
    public static IReadOnlyList<string> Command()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var name = Path.GetFileNameWithoutExtension(process);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Framework-dependent run (dotnet ssearch.dll, or a test host): point the host at our own assembly.
            return [process, Path.Combine(AppContext.BaseDirectory, "ssearch.dll")];
        }

        if (name.Equals("ssearch", StringComparison.Ordinal) || name.Equals("run_exp", StringComparison.Ordinal))
        {
            return [process];
        }

        // Some other host (a test runner): run our apphost or dll from our own directory.
        var dir = AppContext.BaseDirectory;
        var apphost = Path.Combine(dir, "ssearch");
        return File.Exists(apphost) ? [apphost] : ["dotnet", Path.Combine(dir, "ssearch.dll")];
    }

    /// <summary>The version of this build.</summary>
    public static string Version =>
        typeof(SelfInvocation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
}
