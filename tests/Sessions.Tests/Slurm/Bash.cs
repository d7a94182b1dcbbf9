using System.Diagnostics;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Slurm;

/// <summary>Runs bash, the interpreter of every batch script, as the oracle for quoting and script behaviour.</summary>
internal static class Bash
{
    public static ProcessResult Run(IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = Start(arguments, workingDirectory);
        return Finish(process, timeout);
    }

    public static Process Start(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        process.StandardInput.Close();
        return process;
    }

    public static ProcessResult Finish(Process process, TimeSpan? timeout = null)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bash did not finish in time");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
