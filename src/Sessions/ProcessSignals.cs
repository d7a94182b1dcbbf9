using System.Runtime.InteropServices;

namespace SlurmSearch.Sessions;

/// <summary>
/// POSIX signals to a process or a process group by id. .NET's <c>Process.Kill</c> only sends SIGKILL; a trial that
/// should save a checkpoint or hand itself back needs SIGTERM first, and an objective started under <c>setsid</c> is
/// reached with all its children through its group.
/// </summary>
public static partial class ProcessSignals
{
    /// <summary>SIGTERM: please finish (workers hand their trial back, objectives may checkpoint).</summary>
    public const int Terminate = 15;

    /// <summary>SIGKILL: cannot be caught.</summary>
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false when it does not exist (or is not ours).</summary>
    public static bool Send(int pid, int signal) => pid > 0 && SysKill(pid, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="groupId"/> (the leader's pid for a <c>setsid</c> child).</summary>
    public static bool SendToGroup(int groupId, int signal) => groupId > 0 && SysKill(-groupId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
