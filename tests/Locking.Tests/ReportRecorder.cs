using System.Collections.Concurrent;

namespace SlurmSearch.Locking.Tests;

/// <summary>Collects wait reports synchronously and lets a test await the first one matching a condition.</summary>
internal sealed class ReportRecorder : IProgress<LockWaitReport>
{
    private readonly ConcurrentQueue<LockWaitReport> _reports = new();
    private readonly Lock _sync = new();
    private readonly List<(Func<LockWaitReport, bool> Match, TaskCompletionSource<LockWaitReport> Done)> _waiters = [];

    public Action<LockWaitReport>? OnReport { get; init; }

    public IReadOnlyCollection<LockWaitReport> Reports => _reports;

    public void Report(LockWaitReport value)
    {
        _reports.Enqueue(value);
        lock (_sync)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(value)).ToList())
            {
                waiter.Done.TrySetResult(value);
                _ = _waiters.Remove(waiter);
            }
        }

        OnReport?.Invoke(value);
    }

    /// <summary>Completes with the first report (past or future) that matches.</summary>
    public Task<LockWaitReport> WaitForAsync(Func<LockWaitReport, bool> match)
    {
        lock (_sync)
        {
            var seen = _reports.FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            var done = new TaskCompletionSource<LockWaitReport>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
