using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Trials;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// A sweep stored as a session of type <c>sweep:</c>: one trial per run, created up front (trial id = run index) and
/// queued as resumable, so workers claim them in launch order with the session's ordinary claims, leases and records;
/// <c>list</c>, <c>show</c>, <c>watch</c>, <c>stop</c> and <c>restart</c> see a session like any other. The plan's runs
/// and launch options live under <c>ssearch.sweep</c>, the process groups of running runs under <c>ssearch.sweep_processes</c>.
/// </summary>
public sealed class SweepSession
{
    /// <summary>The key type of sweeps.</summary>
    public const string KeyType = "sweep";

    /// <summary>The label of the one parameter of a sweep's space: the run index.</summary>
    public const string RunLabel = "run";

    internal const string SweepField = "sweep";
    internal const string ProcessesField = "sweep_processes";

    private readonly TimeProvider _time;

    /// <summary>Opens an existing sweep (nothing is read until an operation runs).</summary>
    public SweepSession(StateStore store, StateKey key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (key.Type != KeyType)
        {
            throw new ArgumentException($"{key} is not a sweep (its type is not '{KeyType}')", nameof(key));
        }

        _time = time ?? TimeProvider.System;
        Session = new SearchSession(store, key, _time);
    }

    /// <summary>The underlying session (claims, records, leases, status).</summary>
    public SearchSession Session { get; }

    /// <summary>The key <c>sweep:NAME</c>.</summary>
    public StateKey Key => Session.Key;

    /// <summary>The store.</summary>
    public StateStore Store => Session.Store;

    /// <summary>Where the sweep's own files go (batch scripts, command tables, worker logs): <c>ROOT/sweep/NAME</c>.</summary>
    public string Directory => Path.GetFullPath(Store.DirectoryOf(Key));

    /// <summary>Creates the sweep session of <paramref name="plan"/>: every run a trial, all queued; throws <see cref="StateExistsException"/> when the key is taken.</summary>
    public static SweepSession Create(StateStore store, StateKey key, SweepPlan plan, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        if (key.Type != KeyType)
        {
            throw SessionException.Because($"a sweep's key must be sweep:NAME, not {key}");
        }

        if (plan.Runs.Count == 0)
        {
            throw SessionException.Because("the sweep has no runs");
        }

        for (var i = 0; i < plan.Runs.Count; i++)
        {
            if (plan.Runs[i].Index != i)
            {
                throw SessionException.Because($"run {i} of the plan has index {plan.Runs[i].Index}: runs must be numbered 0..n-1 in launch order");
            }
        }

        var space = Space(plan.Runs.Count);
        var session = SearchSession.Create(store, key, new SessionOptions { Space = space, Algo = "grid", MaxEvals = plan.Runs.Count }, time);
        var flat = space.Compile();
        var now = NowMillis(time ?? TimeProvider.System);
        store.Transact(key, tx =>
        {
            for (var i = 0; i < plan.Runs.Count; i++)
            {
                tx.Append([SessionFields.Trials], NewTrial(flat, i, now));
                tx.Append([SessionFields.ResumableTids], i);
            }

            tx.Set([SessionFields.Ours, SessionFields.NextTid], plan.Runs.Count);
            tx.Set([SessionFields.Ours, SweepField], PyPlain.ToPy(SweepSessionPlain.Write(plan)));
            tx.Set([SessionFields.Ours, ProcessesField], new PyDict());
        });
        _ = session;
        return new SweepSession(store, key, time);
    }

    /// <summary>The space of a sweep of <paramref name="runs"/> runs: <c>{run: randint(runs)}</c>, so trial values name the run.</summary>
    public static StructuredSpace Space(int runs) => new(Hp.Dict((RunLabel, Hp.RandInt(RunLabel, runs))));

    /// <summary>The plan the sweep was created from (runs and launch options as stored).</summary>
    public SweepPlan Plan() => Store.Inspect(Key, state => SweepSessionPlain.Read(SweepRecord(state)));

    /// <summary>Every run with where it stands (what <c>show</c> lists).</summary>
    public IReadOnlyList<SweepSessionRun> Runs()
    {
        var view = Session.View();
        var plan = SweepSessionPlain.Read(SweepRecord(Store.Read(Key)));
        var trials = view.Trials.ToDictionary(t => t.Tid);
        return [.. plan.Runs.Select(run => SweepSessionRun.From(run, trials.GetValueOrDefault(run.Index)))];
    }

    /// <summary>
    /// <c>restart</c>: every failed or unfinished run is queued again (failed results are cleared; runs still claimed lose
    /// their claim, so a live worker stops them) and the sweep is re-enabled. Returns the run indices queued, in order.
    /// </summary>
    public IReadOnlyList<int> ResetForRestart() => Store.Transact(Key, tx =>
    {
        var trials = SessionFields.TrialList(tx.Dict);
        var ours = (PyDict)tx.Dict[SessionFields.Ours];
        var claims = (PyDict)ours[SessionFields.Claims];
        var finished = SessionFields.Long(ours, SessionFields.Finished) ?? 0;
        var queued = new List<int>();
        for (var i = 0; i < trials.Count; i++)
        {
            var trial = (PyDict)trials[i];
            var status = SessionFields.ResultStatus(trial);
            if (status == "ok")
            {
                continue;
            }

            var tid = SessionFields.Tid(trial);
            if (status == "fail")
            {
                finished--;
            }

            tx.Set([SessionFields.Trials, i, "result"], new PyDict { ["status"] = "new" });
            tx.Set([SessionFields.Trials, i, "state"], 0);
            tx.Set([SessionFields.Trials, i, "worker_id"], PyNone.Instance);
            if (claims.ContainsKey(tid))
            {
                tx.Delete([SessionFields.Ours, SessionFields.Claims, tid]);
            }

            queued.Add((int)tid);
        }

        tx.Set([SessionFields.ResumableTids], PyPlain.ToPy(queued.Select(q => (long)q).ToList()));
        tx.Set([SessionFields.Ours, SessionFields.Finished], Math.Max(0, finished));
        tx.Set([SessionFields.Ours, SessionFields.FailuresInARow], 0);
        tx.Set([SessionFields.Ours, SessionFields.DisabledReason], PyNone.Instance);
        tx.Set([SessionFields.Status], queued.Count == 0 ? SessionStatus.Complete : SessionStatus.Active);
        return (IReadOnlyList<int>)queued;
    });

    /// <summary>
    /// Claims run <paramref name="index"/> for <paramref name="worker"/> (a Slurm task or a tmux window runs one given
    /// run): null with a reason when it is finished, held under a live lease, or the sweep is disabled.
    /// </summary>
    public (TrialClaim? Claim, string? Reason) ClaimRun(int index, string worker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        var leaseSeconds = 60.0;
        return Store.Transact(Key, tx =>
        {
            var state = tx.Dict;
            var ours = (PyDict)state[SessionFields.Ours];
            leaseSeconds = SessionFields.Double(ours, SessionFields.LeaseSeconds) ?? leaseSeconds;
            var trials = SessionFields.TrialList(state);
            if (index < 0 || index >= trials.Count || SessionFields.Tid((PyDict)trials[index]) != index)
            {
                return ((TrialClaim?)null, $"{Key} has no run {index} (runs 0..{trials.Count - 1})");
            }

            if (SessionFields.Text(state, SessionFields.Status, SessionStatus.Active) == SessionStatus.Disabled)
            {
                return (null, $"{Key} is stopped");
            }

            var trial = (PyDict)trials[index];
            if (SearchSession.IsFinished(trial))
            {
                return (null, $"run {index} already finished ({SessionFields.ResultStatus(trial)})");
            }

            var now = NowMillis(_time);
            var claims = (PyDict)ours[SessionFields.Claims];
            if (claims.TryGetValue(index, out var c) && c is PyDict claim
                && claim.TryGetValue("lease_until", out var u) && u is PyDateTime until && until.Value >= now
                && SessionFields.Text(claim, "worker", string.Empty) != worker)
            {
                return (null, $"run {index} is running under {SessionFields.Text(claim, "worker", "?")}");
            }

            var resumable = state.TryGetValue(SessionFields.ResumableTids, out var r) && r is PyList list ? list : new PyList();
            for (var i = resumable.Count - 1; i >= 0; i--)
            {
                if (PyPlain.AsLong(resumable[i]) == index)
                {
                    tx.Delete([SessionFields.ResumableTids, i]);
                }
            }

            var leaseUntil = now + TimeSpan.FromSeconds(leaseSeconds);
            tx.Set([SessionFields.Trials, index, "worker_id"], worker);
            tx.Set([SessionFields.Trials, index, "state"], 1);
            tx.Set([SessionFields.Trials, index, "refresh_time"], new PyDateTime(now));
            tx.Set([SessionFields.Ours, SessionFields.Claims, index], new PyDict { ["worker"] = worker, ["lease_until"] = new PyDateTime(leaseUntil) });
            var parameters = new Dictionary<string, object?> { [RunLabel] = (long)index };
            var values = new Dictionary<string, double> { [RunLabel] = index };
            return (new TrialClaim(index, worker, values, parameters, false, leaseUntil), (string?)null);
        });
    }

    /// <summary>Records the extra Slurm array job of this sweep, where <c>stop</c> and <c>list</c> find Slurm jobs of any session.</summary>
    public void RecordSlurmJob(string jobId, IReadOnlyList<int> runs, string scriptPath, string tablePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentNullException.ThrowIfNull(runs);
        Store.Transact(Key, tx =>
        {
            var ours = (PyDict)tx.Dict[SessionFields.Ours];
            var record = ours.TryGetValue(SlurmGenerations.ExtraName, out var raw) && PyPlain.FromPy(raw) is Dictionary<string, object?> d ? d : [];
            var jobs = record.TryGetValue("jobs", out var j) && j is List<object?> list ? list : [];
            jobs.Add(jobId);
            record["jobs"] = jobs;
            var arrays = record.TryGetValue("sweep_arrays", out var a) && a is List<object?> al ? al : [];
            arrays.Add(new Dictionary<string, object?>
            {
                ["job"] = jobId,
                ["runs"] = runs.Select(x => (object?)(long)x).ToList(),
                ["script"] = scriptPath,
                ["table"] = tablePath,
            });
            record["sweep_arrays"] = arrays;
            tx.Set([SessionFields.Ours, SlurmGenerations.ExtraName], PyPlain.ToPy(record));
        });
    }

    /// <summary>The Slurm array jobs submitted for this sweep, oldest first.</summary>
    public IReadOnlyList<string> SlurmJobs() => SlurmGenerations.JobIds(Store, Key);

    /// <summary>Registers the process group running run <paramref name="index"/> on this host, so <c>stop</c> from any process can end it.</summary>
    internal void RegisterProcess(int index, int processGroup, long startTicks) => Store.Transact(Key, tx =>
    {
        EnsureProcesses(tx);
        tx.Set([SessionFields.Ours, ProcessesField, index], new PyDict
        {
            ["host"] = Environment.MachineName,
            ["pgid"] = processGroup,
            ["start"] = startTicks,
        });
    });

    /// <summary>Forgets the process group of run <paramref name="index"/> (it ended).</summary>
    internal void UnregisterProcess(int index, int processGroup) => Store.Transact(Key, tx =>
    {
        var processes = EnsureProcesses(tx);
        if (processes.TryGetValue(index, out var p) && p is PyDict entry && SessionFields.Long(entry, "pgid") == processGroup)
        {
            tx.Delete([SessionFields.Ours, ProcessesField, index]);
        }
    });

    /// <summary>The process groups of running runs recorded on this host: run index → (process group, start time in clock ticks).</summary>
    public IReadOnlyDictionary<int, (int ProcessGroup, long StartTicks)> LocalProcesses() => Store.Inspect(Key, state =>
    {
        var ours = SessionFields.OursOrNull((PyDict)state);
        var result = new Dictionary<int, (int, long)>();
        if (ours is not null && ours.TryGetValue(ProcessesField, out var raw) && raw is PyDict processes)
        {
            foreach (var (key, value) in processes)
            {
                if (value is PyDict entry && SessionFields.Text(entry, "host", string.Empty) == Environment.MachineName
                    && PyPlain.AsLong(key) is { } index && SessionFields.Long(entry, "pgid") is { } pgid)
                {
                    result[(int)index] = ((int)pgid, SessionFields.Long(entry, "start") ?? 0);
                }
            }
        }

        return (IReadOnlyDictionary<int, (int, long)>)result;
    });

    internal static PyDict SweepRecord(PyValue state)
    {
        var ours = SessionFields.OursOrNull(SessionFields.Dict(state, "the state"));
        return ours is not null && ours.TryGetValue(SweepField, out var s) && s is PyDict sweep
            ? sweep
            : throw SessionException.Because("the session is not a sweep (no ssearch.sweep record)");
    }

    private static PyDict EnsureProcesses(StateTransaction tx)
    {
        var ours = (PyDict)tx.Dict[SessionFields.Ours];
        if (ours.TryGetValue(ProcessesField, out var p) && p is PyDict processes)
        {
            return processes;
        }

        tx.Set([SessionFields.Ours, ProcessesField], new PyDict());
        return (PyDict)((PyDict)tx.Dict[SessionFields.Ours])[ProcessesField];
    }

    private static DateTime NowMillis(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Unspecified);
    }

    private static PyDict NewTrial(SearchSpace flat, int index, DateTime now) =>
        SearchSession.NewTrial(flat, index, new Dictionary<string, double> { [RunLabel] = index }, worker: null, now);
}
