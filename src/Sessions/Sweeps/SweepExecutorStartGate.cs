namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// Sample Factory's <c>--pause_between</c>: consecutive run starts are at least <see cref="Pause"/> apart, whichever
/// worker starts them. Waiting goes through an injectable delay so tests observe the pauses without sleeping.
/// </summary>
public sealed class SweepExecutorStartGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private long? _lastStart;

    /// <summary>Creates the gate; <paramref name="delay"/> defaults to <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> on <paramref name="time"/>.</summary>
    public SweepExecutorStartGate(TimeSpan pause, TimeProvider? time = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        if (pause < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pause), pause, "the pause between starts cannot be negative");
        }

        Pause = pause;
        _time = time ?? TimeProvider.System;
        _delay = delay ?? ((wait, token) => Task.Delay(wait, _time, token));
    }

    /// <summary>The least time between two starts.</summary>
    public TimeSpan Pause { get; }

    /// <summary>Waits until this start may happen and claims it (the next caller waits a full pause from now).</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lastStart is { } last && Pause > TimeSpan.Zero)
            {
                var wait = Pause - _time.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    await _delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            _lastStart = _time.GetTimestamp();
        }
        finally
        {
            _turn.Release();
        }
    }
}
