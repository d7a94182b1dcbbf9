using System.Runtime.InteropServices;
using System.Text;

namespace SlurmSearch.Sessions.Objectives;

/// <summary>
/// A command started with <c>posix_spawn(3)</c> in a session of its own (so its pid is its process group, and stopping
/// it reaches its children too), stdin from <c>/dev/null</c>, stdout and stderr appended straight to files.
/// </summary>
/// <remarks>
/// Written by hand because <see cref="System.Diagnostics.Process"/> can do neither: it cannot start a child in a new
/// session (we used to run <c>setsid(1)</c>, one more exec per trial) and it pipes the child's output through the
/// parent (two pipes and two reader tasks per trial). With 8 local workers on 2 cores that was ~1 ms of CPU per
/// trial of <c>bench workers</c>. The child gets default signal dispositions (the runtime ignores SIGPIPE, which a
/// shell pipeline in the objective must not inherit) and an empty signal mask. Linux (glibc) and macOS constants.
/// <para>
/// When the command's shell exits, what it left running in its process group (a background <c>cmd &amp;</c>) gets
/// SIGTERM: the trial is over. The exit is awaited with <c>waitid(WNOWAIT)</c> first, so the zombie still holds the
/// pid while the group is signalled and the number cannot have been reused by then.
/// </para>
/// </remarks>
internal sealed partial class ChildProcess
{
    private const int EIntr = 4;
    private const int EChild = 10;
    private const int SigTerm = 15;
    private const int PPid = 1;
    private const int BufferBytes = 1024; // > sizeof(posix_spawnattr_t) (336 on glibc), file actions (80), sigset_t (128)

    private static readonly bool MacOS = OperatingSystem.IsMacOS();
    private static readonly int OWrOnlyCreateAppend = MacOS ? 0x1 | 0x200 | 0x8 : 0x1 | 0x40 | 0x400;
    private static readonly short SpawnFlags = (short)(MacOS ? 0x04 | 0x08 | 0x400 : 0x04 | 0x08 | 0x80); // SETSIGDEF | SETSIGMASK | SETSID
    private static readonly int WExitedNoWait = MacOS ? 0x04 | 0x20 : 0x04 | 0x01000000;

    private readonly object _gate = new();
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _reaped;

    private ChildProcess(int pid)
    {
        Id = pid;
    }

    /// <summary>Whether this platform can spawn this way.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>The child's pid, which is also its process group and session id.</summary>
    public int Id { get; }

    /// <summary>Completes when the child has exited: its exit code, or 128 + the signal that ended it (as a shell reports it).</summary>
    public Task<int> Exited => _exit.Task;

    /// <summary>
    /// Starts <paramref name="program"/> (an absolute path) with <paramref name="arguments"/> (argv[0] first) and exactly
    /// the <paramref name="environment"/> given, appending its stdout and stderr to the two files (created if missing).
    /// </summary>
    /// <exception cref="SessionException">The program could not be started (the message says why).</exception>
    public static unsafe ChildProcess Start(string program, IReadOnlyList<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, string stdoutPath, string stderrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("objectives are started with posix_spawn and need Linux or macOS");
        }

        var strings = new List<nint>();
        var attributes = NativeMemory.AllocZeroed(BufferBytes);
        var actions = NativeMemory.AllocZeroed(BufferBytes);
        var signals = NativeMemory.AllocZeroed(BufferBytes);
        var attributesReady = false;
        var actionsReady = false;
        try
        {
            var argv = NullTerminated(arguments, strings);
            var envp = NullTerminated(environment.Select(p => $"{p.Key}={p.Value}"), strings);
            Check(PosixSpawnattrInit(attributes), "posix_spawnattr_init");
            attributesReady = true;
            Check(PosixSpawnFileActionsInit(actions), "posix_spawn_file_actions_init");
            actionsReady = true;
            Check(SigFillSet(signals) == 0 ? 0 : Marshal.GetLastPInvokeError(), "sigfillset");
            Check(PosixSpawnattrSetSigDefault(attributes, signals), "posix_spawnattr_setsigdefault");
            Check(SigEmptySet(signals) == 0 ? 0 : Marshal.GetLastPInvokeError(), "sigemptyset");
            Check(PosixSpawnattrSetSigMask(attributes, signals), "posix_spawnattr_setsigmask");
            Check(PosixSpawnattrSetFlags(attributes, SpawnFlags), "posix_spawnattr_setflags");
            Check(PosixSpawnFileActionsAddOpen(actions, 0, "/dev/null", 0, 0), "posix_spawn_file_actions_addopen");
            Check(PosixSpawnFileActionsAddOpen(actions, 1, stdoutPath, OWrOnlyCreateAppend, 0x1A4), "posix_spawn_file_actions_addopen");
            Check(PosixSpawnFileActionsAddOpen(actions, 2, stderrPath, OWrOnlyCreateAppend, 0x1A4), "posix_spawn_file_actions_addopen");

            int pid;
            var error = PosixSpawn(&pid, program, actions, attributes, argv, envp);
            if (error != 0)
            {
                throw SessionException.Because($"could not start {program}: {Marshal.GetPInvokeErrorMessage(error)} (errno {error}; output to {stdoutPath})");
            }

            var child = new ChildProcess(pid);
            Waiters.Wait(child);
            return child;
        }
        finally
        {
            if (actionsReady)
            {
                _ = PosixSpawnFileActionsDestroy(actions);
            }

            if (attributesReady)
            {
                _ = PosixSpawnattrDestroy(attributes);
            }

            NativeMemory.Free(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(signals);
            foreach (var pointer in strings)
            {
                NativeMemory.Free((void*)pointer);
            }
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the child's whole process group; false once it has been reaped (or the call failed).</summary>
    public bool SignalGroup(int signal)
    {
        lock (_gate)
        {
            return !_reaped && ProcessSignals.SendToGroup(Id, signal);
        }
    }

    /// <summary>
    /// Threads that block in <c>waitid</c> for one child each, kept for the next child: a worker runs one trial at a
    /// time, so it keeps one waiter instead of creating a thread per trial (which was most of the cost of a spawn under
    /// load). A new thread starts only when every waiter is busy; idle ones block on the queue.
    /// </summary>
    private static class Waiters
    {
        private static readonly Queue<ChildProcess> Pending = new();
        private static int _idle;

        public static void Wait(ChildProcess child)
        {
            lock (Pending)
            {
                Pending.Enqueue(child);
                if (_idle > 0)
                {
                    _idle--;
                    Monitor.Pulse(Pending);
                    return;
                }
            }

            new Thread(Run, 256 * 1024) { IsBackground = true, Name = "ssearch waitpid" }.UnsafeStart();
        }

        private static void Run()
        {
            while (true)
            {
                ChildProcess child;
                lock (Pending)
                {
                    while (Pending.Count == 0)
                    {
                        _idle++;
                        Monitor.Wait(Pending);
                    }

                    child = Pending.Dequeue();
                }

                child.WaitForExit();
            }
        }
    }

    private unsafe void WaitForExit()
    {
        try
        {
            // Wait without reaping, end what the shell left behind, then reap (see the remarks).
            var info = stackalloc byte[BufferBytes];
            while (WaitId(PPid, Id, info, WExitedNoWait) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EIntr)
                {
                    throw Lost(errno);
                }
            }

            int status;
            lock (_gate)
            {
                _ = ProcessSignals.SendToGroup(Id, SigTerm);
                int reaped;
                while ((reaped = WaitPid(Id, &status, 0)) < 0 && Marshal.GetLastPInvokeError() == EIntr)
                {
                }

                if (reaped < 0)
                {
                    throw Lost(Marshal.GetLastPInvokeError());
                }

                _reaped = true;
            }

            // WIFEXITED: low 7 bits zero, code in the next 8; else the low 7 bits are the signal.
            _exit.TrySetResult((status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F));
        }
        catch (Exception e)
        {
            _exit.TrySetException(e);
        }
    }

    private SessionException Lost(int errno) => SessionException.Because(errno == EChild
        ? $"the exit status of process {Id} was taken by someone else (was SIGCHLD ignored when ssearch started?)"
        : $"waiting for process {Id} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw SessionException.Because($"{call} failed: {Marshal.GetPInvokeErrorMessage(error)} (errno {error})");
        }
    }

    /// <summary>A NULL-terminated array of NUL-terminated UTF-8 strings in native memory (every block recorded in <paramref name="owned"/>).</summary>
    private static unsafe byte** NullTerminated(IEnumerable<string> values, List<nint> owned)
    {
        var list = values as IReadOnlyList<string> ?? [.. values];
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(list.Count + 1), (nuint)sizeof(nint));
        owned.Add((nint)array);
        for (var i = 0; i < list.Count; i++)
        {
            var value = list[i];
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"a NUL character cannot be passed to a process: {value.Replace('\0', '?')}", nameof(values));
            }

            var length = Encoding.UTF8.GetByteCount(value);
            var bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
            owned.Add((nint)bytes);
            Encoding.UTF8.GetBytes(value, new Span<byte>(bytes, length));
            bytes[length] = 0;
            array[i] = bytes;
        }

        return array;
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int PosixSpawn(int* pid, string path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static unsafe partial int PosixSpawnattrInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static unsafe partial int PosixSpawnattrDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static unsafe partial int PosixSpawnattrSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static unsafe partial int PosixSpawnattrSetSigDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static unsafe partial int PosixSpawnattrSetSigMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static unsafe partial int PosixSpawnFileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static unsafe partial int PosixSpawnFileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int PosixSpawnFileActionsAddOpen(void* actions, int fd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "sigfillset", SetLastError = true)]
    private static unsafe partial int SigFillSet(void* set);

    [LibraryImport("libc", EntryPoint = "sigemptyset", SetLastError = true)]
    private static unsafe partial int SigEmptySet(void* set);

    [LibraryImport("libc", EntryPoint = "waitid", SetLastError = true)]
    private static unsafe partial int WaitId(int idType, int id, void* info, int options);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static unsafe partial int WaitPid(int pid, int* status, int options);
}
