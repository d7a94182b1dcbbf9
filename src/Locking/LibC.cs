using System.Runtime.InteropServices;

namespace SlurmSearch.Locking;

/// <summary>
/// The few libc calls the lock needs. .NET's own file APIs cannot be used on lock files: on Unix,
/// <c>FileStream</c> and <c>File.*</c> take a <c>flock(LOCK_SH|LOCK_NB)</c> of their own to emulate
/// <c>FileShare</c>, so opening a lock file that another process holds fails, and a shared lock
/// from us would block a Python <c>LOCK_EX</c>. Every call here is non-variadic (<c>open</c> is
/// declared with two arguments and files are created with <c>creat</c>) so the declarations are
/// correct under every 64-bit calling convention, including Apple arm64's variadic one.
/// </summary>
internal static partial class LibC
{
    public const int LockSh = 1;
    public const int LockEx = 2;
    public const int LockNb = 4;
    public const int LockUn = 8;

    public const int ORdOnly = 0;
    public const int ORdWr = 2;

    public const int SeekEnd = 2;

    public const int EIntr = 4;
    public const int ENoEnt = 2;
    public const int EAcces = 13;

    /// <summary>O_CLOEXEC: lock descriptors must not leak into objective processes we start.</summary>
    public static int OCloExec { get; } = OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    /// <summary>EWOULDBLOCK (= EAGAIN): the answer of <c>flock(LOCK_NB)</c> when another description holds the lock.</summary>
    public static int EWouldBlock { get; } = OperatingSystem.IsMacOS() ? 35 : 11;

    /// <summary>Whether the constants above are known for this operating system.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "creat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Creat(string path, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    public static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static unsafe partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    public static unsafe partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
    public static partial int NanoSleep(in TimeSpec request, nint remaining);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    public static partial void Free(nint pointer);

    /// <summary>The errno of the last call above, as a readable message with its number.</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    /// <summary>Sleeps about <paramref name="duration"/> (sub-millisecond, unlike <see cref="Thread.Sleep(TimeSpan)"/>); an interrupted sleep just returns early.</summary>
    public static void Sleep(TimeSpan duration)
    {
        var ticks = Math.Max(0, duration.Ticks);
        var request = new TimeSpec((nint)(ticks / TimeSpan.TicksPerSecond), (nint)(ticks % TimeSpan.TicksPerSecond * 100));
        _ = NanoSleep(in request, 0);
    }

    /// <summary>The canonical absolute path of an existing file or directory (symbolic links resolved).</summary>
    public static string? CanonicalPath(string path)
    {
        var resolved = RealPath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>struct timespec of 64-bit Linux and macOS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct TimeSpec(nint seconds, nint nanoseconds)
    {
        public readonly nint Seconds = seconds;
        public readonly nint Nanoseconds = nanoseconds;
    }
}
