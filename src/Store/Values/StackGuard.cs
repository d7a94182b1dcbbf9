using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace SlurmSearch.Store.Values;

/// <summary>Lets the recursive walkers (writer, equality, repr, JSON) handle deep values without a fatal stack overflow.</summary>
/// <remarks>
/// Values read from a pickle may nest up to <c>PickleReaderOptions.MaxDepth</c> levels; a thread-pool thread's stack
/// holds far fewer frames of a recursive walker. Instead of rewriting every walker as an explicit-stack machine, a walker
/// asks <see cref="HasRoom"/> before descending and, when the current stack is nearly exhausted, continues the same
/// recursion on a fresh thread with a large stack (the technique .NET's own regex parser uses).
/// </remarks>
internal static class StackGuard
{
    // 256 MiB of reserved (not committed) address space: enough for any depth the reader accepts.
    private const int FreshStackSize = 256 * 1024 * 1024;

    /// <summary>True while the current thread's stack still has comfortable room.</summary>
    public static bool HasRoom => RuntimeHelpers.TryEnsureSufficientExecutionStack();

    /// <summary>Runs <paramref name="work"/> on a new thread with a large stack and waits for it, rethrowing its exception.</summary>
    public static T RunOnFreshStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // rethrown on the calling thread below
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            FreshStackSize);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on a new thread with a large stack and waits for it, rethrowing its exception.</summary>
    public static void RunOnFreshStack(Action work) => RunOnFreshStack(() =>
    {
        work();
        return true;
    });
}
