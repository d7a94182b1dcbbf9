using System.Globalization;
using System.Runtime.InteropServices;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Signals to the process groups runs execute in (each run is <c>setsid /bin/sh -c …</c>: its shell leads a group of its own).</summary>
internal static partial class SweepRunnerProcessGroups
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>The setsid(1) program (util-linux, on every Debian); without it only the shell can be signalled.</summary>
    public static string? Setsid { get; } = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>The start time of process <paramref name="pid"/> in clock ticks since boot (field 22 of /proc/PID/stat), or null when it is gone; with the pid it names a process unambiguously (pids are reused).</summary>
    public static long? StartTicks(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>Whether the group led by <paramref name="pgid"/> is still the process started at <paramref name="startTicks"/>, or has members left.</summary>
    public static bool IsAlive(int pgid, long startTicks) =>
        StartTicks(pgid) == startTicks || (StartTicks(pgid) is null && Kill(-pgid, 0) == 0);

    /// <summary>Sends <paramref name="signal"/> to the whole group; false when no process received it.</summary>
    public static bool Signal(int pgid, int signal) => Kill(-pgid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
