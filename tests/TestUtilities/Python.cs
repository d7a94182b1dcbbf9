using System.Diagnostics;

namespace SlurmSearch.TestUtilities;

/// <summary>Runs <c>python3</c>, the oracle for pickles and lock interop.</summary>
public static class Python
{
    /// <summary>Runs a script with <c>python3 -c</c>, optional extra arguments (sys.argv[1:]) and stdin bytes.</summary>
    public static ProcessResult Run(string script, IEnumerable<string>? args = null, byte[]? stdin = null, TimeSpan? timeout = null)
    {
        using var process = Start(script, args, redirectInput: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("python3 did not finish in time");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a script and returns stdout; throws with stderr when it exits non-zero.</summary>
    public static string Check(string script, IEnumerable<string>? args = null, byte[]? stdin = null)
    {
        var result = Run(script, args, stdin);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({result.ExitCode}): {result.Stderr}");
        }

        return result.Stdout;
    }

    /// <summary>Runs a script and returns its raw stdout bytes (for pickles written by Python).</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) RunBytes(string script, IEnumerable<string>? args = null)
    {
        using var process = Start(script, args, redirectInput: false);
        var stderr = process.StandardError.ReadToEndAsync();
        using var buffer = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        process.WaitForExit();
        return (process.ExitCode, buffer.ToArray(), stderr.Result);
    }

    private static Process Start(string script, IEnumerable<string>? args, bool redirectInput)
    {
        var psi = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args ?? [])
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
    }
}
