using System.Diagnostics;

namespace SlurmSearch.TestUtilities;

/// <summary>A <c>python3</c> process that takes a lock file exactly as the original Slurm Search did (<c>open(path, "w")</c> + <c>fcntl.flock(LOCK_EX)</c>) and holds it until told to release.</summary>
public sealed class PythonLockHolder : IDisposable
{
    private const string Script = """
        import fcntl, sys
        f = open(sys.argv[1], sys.argv[2])
        fcntl.flock(f, fcntl.LOCK_EX)
        print("locked", flush=True)
        for line in sys.stdin:
            if line.strip() == "release":
                fcntl.flock(f, fcntl.LOCK_UN)
                print("released", flush=True)
        """;

    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private PythonLockHolder(Process process) => _process = process;

    /// <summary>The holder's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Starts Python on <paramref name="path"/>; it may still be waiting for the lock (see <see cref="WaitUntilLockedAsync"/>).</summary>
    /// <param name="path">The lock file.</param>
    /// <param name="mode">Python open mode: "w" as the original (empties the file), or "a" (keeps it).</param>
    public static PythonLockHolder Start(string path, string mode = "w")
    {
        var psi = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(path);
        psi.ArgumentList.Add(mode);
        return new PythonLockHolder(Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start"));
    }

    /// <summary>Starts Python and returns once it holds the lock.</summary>
    public static async Task<PythonLockHolder> HoldAsync(string path, string mode = "w")
    {
        var holder = Start(path, mode);
        await holder.WaitUntilLockedAsync();
        return holder;
    }

    /// <summary>Completes when Python reports that it holds the lock.</summary>
    public Task WaitUntilLockedAsync() => ExpectLineAsync("locked");

    /// <summary>Asks Python to unlock and waits until it has.</summary>
    public async Task ReleaseAsync()
    {
        await _process.StandardInput.WriteLineAsync("release");
        await _process.StandardInput.FlushAsync();
        await ExpectLineAsync("released");
    }

    /// <summary>Kills Python with SIGKILL (no chance to unlock) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(LineTimeout);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task ExpectLineAsync(string expected)
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(LineTimeout);
        if (line != expected)
        {
            throw new InvalidOperationException(line is null
                ? $"python lock holder exited ({_process.ExitCode}) before saying '{expected}'"
                : $"python lock holder said '{line}', expected '{expected}'");
        }
    }
}
