using System.Globalization;

namespace SlurmSearch.Locking;

/// <summary>A lock was not acquired within its timeout: carries the lock name, how long the caller waited and the holder's record when known.</summary>
public sealed class LockTimeoutException : SearchException
{
    private LockTimeoutException(string message, string name, TimeSpan waited, LockHolder? holder, bool heldByThisProcess)
        : base(message)
    {
        Name = name;
        Waited = waited;
        Holder = holder;
        HeldByThisProcess = heldByThisProcess;
    }

    /// <summary>The lock that was not acquired.</summary>
    public string Name { get; }

    /// <summary>How long the caller waited.</summary>
    public TimeSpan Waited { get; }

    /// <summary>The holder's record, when known; null when the holder recorded nothing (the Python tool records nothing).</summary>
    public LockHolder? Holder { get; }

    /// <summary>Whether the holder is another thread of this very process.</summary>
    public bool HeldByThisProcess { get; }

    /// <inheritdoc />
    public override int ExitCode => 4;

    /// <summary>Creates the exception with a uniform message: <c>lock '{name}' not acquired after {waited}: held by {holder}</c>.</summary>
    public static LockTimeoutException For(string name, TimeSpan waited, LockHolder? holder, bool heldByThisProcess = false)
    {
        var seconds = waited.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var message = $"lock {LockName.Quote(name)} not acquired after {seconds} s: held by {DescribeHolder(holder, heldByThisProcess)}";
        return new LockTimeoutException(message, name, waited, holder, heldByThisProcess);
    }

    /// <summary>Describes who holds a lock from what is known about them.</summary>
    internal static string DescribeHolder(LockHolder? holder, bool heldByThisProcess) => (holder, heldByThisProcess) switch
    {
        ({ } h, true) => $"another thread of this process ({h.Describe()})",
        (null, true) => "another thread of this process",
        ({ Released: null } h, false) => h.Describe(),
        ({ } h, false) => $"a process that left no record (last recorded holder: {h.Describe()})",
        (null, false) => "a process that left no record (the Python tool writes none)",
    };
}
