namespace SlurmSearch.Locking;

/// <summary>The clock of one acquisition: timeout, progress reports, and what is known about the holder.</summary>
internal sealed class LockWait
{
    /// <summary>A wait longer than this is reported (the original Python tool printed waits over 0.1 s).</summary>
    public static readonly TimeSpan ReportAfter = TimeSpan.FromMilliseconds(100);

    /// <summary>Interval of the reports that follow the first one.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    private readonly string _name;
    private readonly TimeSpan _timeout;
    private readonly IProgress<LockWaitReport>? _progress;
    private readonly TimeProvider _time;
    private readonly long _start;
    private TimeSpan _nextReport = ReportAfter;
    private LockHolder? _lastHolder;
    private bool _lastHeldHere;

    public LockWait(string name, TimeSpan timeout, IProgress<LockWaitReport>? progress, TimeProvider time, long start)
    {
        _name = name;
        _timeout = timeout;
        _progress = progress;
        _time = time;
        _start = start;
    }

    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    public bool IsExpired(TimeSpan elapsed) => _timeout != Timeout.InfiniteTimeSpan && elapsed >= _timeout;

    public bool IsReportDue(TimeSpan elapsed) => _progress is not null && elapsed >= _nextReport;

    /// <summary>How long to block before the next timeout check or report is due, at most <paramref name="cap"/>.</summary>
    public TimeSpan Slice(TimeSpan elapsed, TimeSpan cap)
    {
        var slice = _progress is not null && _nextReport - elapsed < cap ? _nextReport - elapsed : cap;
        if (_timeout != Timeout.InfiniteTimeSpan && _timeout - elapsed < slice)
        {
            slice = _timeout - elapsed;
        }

        return slice < TimeSpan.Zero ? TimeSpan.Zero : slice;
    }

    /// <summary>Remembers the holder for the timeout message and the final report.</summary>
    public void Saw(LockHolder? holder, bool heldHere)
    {
        _lastHolder = holder;
        _lastHeldHere = heldHere;
    }

    public void Report(TimeSpan elapsed)
    {
        _progress?.Report(new LockWaitReport(_name, elapsed, _lastHolder, _lastHeldHere, Acquired: false));
        // Reports at 0.1 s, then on each whole second: 1 s, 2 s, …
        _nextReport = ReportEvery * (Math.Floor(elapsed / ReportEvery) + 1);
    }

    /// <summary>The closing report, for a wait long enough to have been reported.</summary>
    public void ReportAcquired()
    {
        var elapsed = Elapsed;
        if (_progress is not null && elapsed >= ReportAfter)
        {
            _progress.Report(new LockWaitReport(_name, elapsed, _lastHolder, _lastHeldHere, Acquired: true));
        }
    }

    public LockTimeoutException TimedOut(TimeSpan elapsed) => LockTimeoutException.For(_name, elapsed, _lastHolder, _lastHeldHere);
}
