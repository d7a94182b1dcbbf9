using System.Collections.Concurrent;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Sessions.Workers;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Workers;

public sealed class ExecutorTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("pickle")]
    [InlineData("sqlite")]
    public async Task Inline_EightWorkers_RunEveryTrialExactlyOnce(string backend)
    {
        using var store = StoreFactory.Open(backend, _home.Path);
        var session = SearchSession.Create(store, StateKey.Of("slurm", "inline8"), new SessionOptions
        {
            Space = StructuredSpace.Parse("{x: uniform(-5, 5)}"),
            Algo = "tpe",
            MaxEvals = 120,
        });
        var runs = new ConcurrentDictionary<long, int>();
        var workers = new ConcurrentDictionary<string, bool>();
        var allWorkersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var objective = new DelegateObjective(async (context, token) =>
        {
            runs.AddOrUpdate(context.Tid, 1, (_, n) => n + 1);
            if (workers.TryAdd(context.Worker, true) && workers.Count == 8)
            {
                allWorkersStarted.TrySetResult();
            }

            // Every worker holds its first trial until all eight have one: proves they run concurrently.
            await allWorkersStarted.Task.WaitAsync(TimeSpan.FromSeconds(60), token);
            var x = (double)((IDictionary<string, object?>)context.Parameters!)["x"]!;
            return TrialResult.Ok((x - 3) * (x - 3));
        });

        var report = await new InlineExecutor().RunAsync(new ExecutionRequest { Session = session, Objective = objective, Workers = 8 }, CancellationToken.None);

        Assert.Equal(120, report.Trials);
        Assert.Equal(120, runs.Count);
        Assert.All(runs.Values, n => Assert.Equal(1, n));
        var view = session.View();
        Assert.Equal(SessionStatus.Complete, view.Status);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => (long)i), view.Trials.Select(t => t.Tid).Order());
        Assert.True(view.Best!.Loss < 0.05, $"TPE found {view.Best.Loss}");
        Assert.Equal(8, view.Trials.Select(t => t.Worker).Distinct().Count());
    }

    [Fact]
    public async Task Inline_GpuSlots_PinEachWorkerToOneGpu()
    {
        using var store = new PickleDirectoryStore(_home.Path);
        var session = SearchSession.Create(store, StateKey.Of("slurm", "gpus"), new SessionOptions { Space = StructuredSpace.Parse("{x: uniform(0, 1)}"), Algo = "rand", MaxEvals = 40 });
        var seen = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var allWorkersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var objective = new DelegateObjective(async (context, cancellation) =>
        {
            seen.GetOrAdd(context.Worker, _ => []).Add(context.Environment["CUDA_VISIBLE_DEVICES"]);
            if (seen.Count == 4)
            {
                allWorkersStarted.TrySetResult();
            }

            // Hold each first trial until every worker has one, so a fast worker cannot take all 40 trials alone.
            await allWorkersStarted.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellation);
            return TrialResult.Ok(0);
        });

        await new InlineExecutor().RunAsync(new ExecutionRequest { Session = session, Objective = objective, Workers = 4, Gpus = GpuSlots.Parse("0,1", 2) }, CancellationToken.None);

        Assert.All(seen.Values, gpus => Assert.Single(gpus.Distinct()));
        Assert.Equal(["0", "0", "1", "1"], seen.Values.Select(g => g.First()).Order());
    }

    [Fact]
    public async Task MoreWorkersThanGpuSlots_IsRefusedBeforeAnythingRuns()
    {
        using var store = new PickleDirectoryStore(_home.Path);
        var session = SearchSession.Create(store, StateKey.Of("slurm", "toomany"), new SessionOptions { Space = StructuredSpace.Parse("{x: uniform(0, 1)}"), Algo = "rand", MaxEvals = 4 });
        var error = await Assert.ThrowsAsync<SessionException>(() => new InlineExecutor().RunAsync(
            new ExecutionRequest { Session = session, Objective = DelegateObjective.FromLoss(_ => 0), Workers = 5, Gpus = GpuSlots.Parse("2", 2) },
            CancellationToken.None));
        Assert.Contains("GPU", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.View().Trials);
    }

    [Fact]
    public async Task Worker_Cancelled_HandsItsTrialBack()
    {
        using var store = new PickleDirectoryStore(_home.Path);
        var session = SearchSession.Create(store, StateKey.Of("slurm", "cancel"), new SessionOptions { Space = StructuredSpace.Parse("{x: uniform(0, 1)}"), Algo = "rand", MaxEvals = 3 });
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var objective = new DelegateObjective(async (_, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return TrialResult.Ok(0);
        });
        var worker = new SessionWorker(session, objective, new WorkerOptions { WorkerId = "w" });
        var run = worker.RunAsync(stop.Token);
        await started.Task;
        await stop.CancelAsync();
        var report = await run;

        Assert.Equal(WorkerStopReason.Cancelled, report.Reason);
        Assert.Equal(0, report.HandedBack);
        Assert.Equal(TrialStatus.Resumable, session.View().Trials.Single().Status);
    }

    [Fact]
    public async Task Worker_Deadline_StartsNoTrialLongerThanTheTimeLeft()
    {
        using var store = new PickleDirectoryStore(_home.Path);
        var clock = new FakeClock();
        var session = SearchSession.Create(store, StateKey.Of("slurm", "deadline"), new SessionOptions { Space = StructuredSpace.Parse("{x: uniform(0, 1)}"), Algo = "rand", MaxEvals = 10 }, clock);
        var objective = new DelegateObjective((_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(40)); // each trial "takes" 40 s on the worker's clock
            return Task.FromResult(TrialResult.Ok(0));
        });
        var worker = new SessionWorker(session, objective, new WorkerOptions { WorkerId = "w", Deadline = clock.GetUtcNow().AddSeconds(100) }, clock);

        var report = await worker.RunAsync(CancellationToken.None);

        Assert.Equal(WorkerStopReason.Deadline, report.Reason);
        Assert.Equal(2, report.Trials); // 100 s: two 40 s trials fit, a third would not
        Assert.Equal(2, session.View().Trials.Count); // and no third was claimed with the second's record
    }

    [Fact]
    public async Task Worker_MaxTrials_RecordsThemAndLeavesNoClaimBehind()
    {
        using var store = new PickleDirectoryStore(_home.Path);
        var session = SearchSession.Create(store, StateKey.Of("slurm", "cap"), new SessionOptions { Space = StructuredSpace.Parse("{x: uniform(0, 1)}"), Algo = "rand", MaxEvals = 10 });
        var worker = new SessionWorker(session, DelegateObjective.FromLoss(_ => 1), new WorkerOptions { WorkerId = "w", MaxTrials = 3 });

        var report = await worker.RunAsync(CancellationToken.None);

        Assert.Equal((WorkerStopReason.MaxTrials, 3), (report.Reason, report.Trials));
        var view = session.View();
        Assert.Equal(3, view.Trials.Count);
        Assert.All(view.Trials, t => Assert.Equal(TrialStatus.Ok, t.Status));
    }

    [Theory]
    [InlineData(1000, new[] { 20, 40, 80, 160 })]
    [InlineData(50, new[] { 20, 40, 50, 50 })]
    public async Task Worker_WhileOthersHoldEveryTrial_AsksAgainSoonThenLessOften(int pollMs, int[] expectedWaitsMs)
    {
        using var store = new PickleDirectoryStore(_home.Path);
        var session = SearchSession.Create(store, StateKey.Of("slurm", "tail"), new SessionOptions { Space = StructuredSpace.Parse("{x: uniform(0, 1)}"), Algo = "rand", MaxEvals = 2 });
        var first = session.NextTrial("a").Claim!;
        var second = session.NextTrial("b").Claim!;
        var waits = new List<TimeSpan>();
        var clock = new DelayRecorder(delay =>
        {
            waits.Add(delay);
            if (waits.Count == expectedWaitsMs.Length)
            {
                // The other workers' trials end while this one waits for the last time.
                session.Record(first.Tid, "a", TrialResult.Ok(1));
                session.Record(second.Tid, "b", TrialResult.Ok(2));
            }
        });
        var worker = new SessionWorker(session, DelegateObjective.FromLoss(_ => 0), new WorkerOptions { WorkerId = "c", PollInterval = TimeSpan.FromMilliseconds(pollMs) }, clock);

        var report = await worker.RunAsync(CancellationToken.None);

        Assert.Equal((WorkerStopReason.Complete, 0), (report.Reason, report.Trials));
        Assert.Equal(expectedWaitsMs.Select(ms => TimeSpan.FromMilliseconds(ms)), waits);
    }

    /// <summary>The system clock, recording every timer's due time (a worker's waits are Task.Delay timers).</summary>
    private sealed class DelayRecorder(Action<TimeSpan> onDelay) : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            onDelay(dueTime);
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}
