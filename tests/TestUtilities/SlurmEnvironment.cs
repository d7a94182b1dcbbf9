using System.Diagnostics;

namespace SlurmSearch.TestUtilities;

/// <summary>Whether a usable Slurm is here (probed once per test process) and whether this machine requires one (CI).</summary>
/// <remarks>
/// CI runs scripts/ci-prepare.sh, which starts the local Slurm and creates <see cref="CiMarkerPath"/>. With that
/// marker present (or SSEARCH_REQUIRE_SLURM=1) Slurm tests never skip: a missing Slurm makes them fail.
/// </remarks>
public static class SlurmEnvironment
{
    /// <summary>The marker file scripts/ci-prepare.sh creates: Slurm tests must run (and fail if Slurm is broken).</summary>
    public const string CiMarkerPath = "/run/slurm-local/ssearch-ci-required";

    /// <summary>The skip message of a <see cref="SlurmFactAttribute"/> test when Slurm is not usable and not required.</summary>
    public const string SkipReason =
        "Slurm is not available here (no sbatch/squeue or controller not responding): start it with scripts/local-slurm.sh start";

    // A static cache is deliberate: probing costs a process start, and the answer cannot change in a meaningful
    // way during one test run. Lazy makes it thread-safe for xunit's parallel collections.
    private static readonly Lazy<string?> Probe = new(ProbeOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Why Slurm is unusable, or null when the tools are on PATH, <c>scontrol ping</c> succeeds and a node is usable.</summary>
    public static string? UnavailableReason => Probe.Value;

    /// <summary>Whether Slurm is usable here.</summary>
    public static bool IsAvailable => UnavailableReason is null;

    /// <summary>Whether this machine requires Slurm tests to run (CI marker file or SSEARCH_REQUIRE_SLURM=1).</summary>
    public static bool IsRequired =>
        File.Exists(CiMarkerPath) || Environment.GetEnvironmentVariable("SSEARCH_REQUIRE_SLURM") == "1";

    /// <summary>Throws with the probe's reason when Slurm is not usable: call first in a Slurm test so a required-but-broken Slurm fails clearly.</summary>
    public static void RequireAvailable()
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException($"Slurm is required here ({CiMarkerPath} or SSEARCH_REQUIRE_SLURM=1) but not usable: {reason}");
        }
    }

    private static string? ProbeOnce()
    {
        foreach (var tool in new[] { "sbatch", "squeue", "scancel", "scontrol", "sinfo" })
        {
            if (FindOnPath(tool) is null)
            {
                return $"'{tool}' is not on PATH";
            }
        }

        var (pingExit, pingOutput) = Run("scontrol", "ping");
        if (pingExit != 0)
        {
            return $"scontrol ping failed: {FirstLine(pingOutput)}";
        }

        // A controller without a usable node (down*, drained) would leave every job pending until the test times out.
        var (sinfoExit, states) = Run("sinfo", "--noheader", "--format=%T");
        var usable = states.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(s => s is "idle" or "mixed" or "allocated" or "completing");
        return sinfoExit == 0 && usable
            ? null
            : $"no usable Slurm node (sinfo: {string.Join(' ', states.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}); try scripts/local-slurm.sh start";
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info);
        if (process is null)
        {
            return (-1, $"{program} did not start");
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} {string.Join(' ', arguments)} did not answer within 30 s");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + "\n" + stderr.Result);
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    private static string FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "no output";
}
