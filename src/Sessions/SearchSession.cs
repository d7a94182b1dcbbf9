using System.Runtime.CompilerServices;
using SlurmSearch.Search.Grid;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Trials;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions;

/// <summary>
/// A search session over the store: every operation is one transaction on the session's key, so any number of workers
/// on any number of machines claim and record trials safely. States written by the original Python tool are read,
/// continued and finished; our own fields live under <c>ssearch</c>.
/// </summary>
public sealed class SearchSession
{
    /// <summary>The session format this build writes and reads.</summary>
    public const long FormatVersion = 1;

    private static readonly PyTuple DomainCmd = new("domain_attachment", "FMinIter_Domain");

    private readonly TimeProvider _time;

    // A trial's sampled values never change once written; decoding misc.vals of every trial on every claim would make
    // each suggestion cost O(trials) allocations. Keyed by the trial dict, which the store keeps alive between commits.
    private readonly ConditionalWeakTable<PyDict, IReadOnlyDictionary<string, double>> _values = new();
    private StructuredSpace? _space;

    /// <summary>Opens an existing session (nothing is read until an operation runs).</summary>
    public SearchSession(StateStore store, StateKey key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Key = key;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The store.</summary>
    public StateStore Store { get; }

    /// <summary>The session's key.</summary>
    public StateKey Key { get; }

    /// <summary>Creates a session (status active); throws <see cref="StateExistsException"/> when the key is taken.</summary>
    public static SearchSession Create(StateStore store, StateKey key, SessionOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var sampler = SamplerRegistry.Create(options.Algo);
        var maxEvals = options.MaxEvals;
        if (sampler is GridSampler)
        {
            long size;
            try
            {
                size = GridSampler.TotalCount(options.Space.Compile());
            }
            catch (ArgumentException e)
            {
                throw SessionException.Because($"grid search: {e.Message}", e);
            }

            maxEvals = maxEvals <= 0 ? (int)Math.Min(size, int.MaxValue) : (int)Math.Min(maxEvals, size);
        }

        if (maxEvals <= 0)
        {
            throw SessionException.Because($"max_evals must be at least 1, got {options.MaxEvals}");
        }

        if (options.Lease <= TimeSpan.Zero || options.TrialTimeout <= TimeSpan.Zero || options.MaxFailures <= 0)
        {
            throw SessionException.Because("lease and trial timeout must be positive, max failures at least 1");
        }

        var clock = time ?? TimeProvider.System;
        var ours = new PyDict
        {
            [SessionFields.Format] = FormatVersion,
            [SessionFields.Seed] = options.Seed,
            [SessionFields.LeaseSeconds] = options.Lease.TotalSeconds,
            [SessionFields.Claims] = new PyDict(),
            [SessionFields.NextTid] = 0,
            [SessionFields.Finished] = 0,
            [SessionFields.FailuresInARow] = 0,
            ["space_text"] = options.Space.ToString(),
        };
        if (options.TrialTimeout is { } timeout)
        {
            ours[SessionFields.TrialTimeout] = timeout.TotalSeconds;
        }

        if (options.MaxFailures is { } failures)
        {
            ours[SessionFields.MaxFailures] = failures;
        }

        if (options.Executor is { } executor)
        {
            ours[SessionFields.Executor] = PyPlain.ToPy(executor);
        }

        store.Create(key, new PyDict
        {
            [SessionFields.Space] = SessionSpace.Write(options.Space),
            [SessionFields.Interruptable] = true,
            [SessionFields.Objective] = (PyValue?)options.Objective?.ToPython() ?? PyNone.Instance,
            [SessionFields.Algo] = options.Algo,
            [SessionFields.Strategy] = SamplerRegistry.Strategy(options.Algo),
            [SessionFields.MaxEvals] = maxEvals,
            [SessionFields.Trials] = new PyList(),
            [SessionFields.Status] = SessionStatus.Active,
            [SessionFields.StartTime] = new PyDateTime(Micro(clock.GetLocalNow().DateTime)),
            [SessionFields.ResumableTids] = new PyList(),
            [SessionFields.Ours] = ours,
        });
        return new SearchSession(store, key, clock);
    }

    /// <summary>
    /// Claims a trial for <paramref name="worker"/>: a resumable one first, else a fresh suggestion (running trials count
    /// as pending for the sampler). Claims whose lease lapsed become resumable first.
    /// </summary>
    public ClaimOutcome NextTrial(string worker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        return Store.Transact(Key, tx => ClaimIn(tx, worker));
    }

    /// <summary>
    /// <see cref="Record"/> then <see cref="NextTrial"/> in ONE transaction: a worker that goes on to its next trial takes
    /// the lock, refreshes and commits once per trial instead of twice. When the claim was lost nothing is recorded or
    /// claimed (<see cref="ClaimLostException"/>).
    /// </summary>
    public ClaimOutcome RecordAndClaimNext(long tid, string worker, TrialResult result, TimeSpan? duration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentNullException.ThrowIfNull(result);
        return Store.Transact(Key, tx =>
        {
            RecordIn(tx, tid, worker, result, duration);
            return ClaimIn(tx, worker);
        });
    }

    private ClaimOutcome ClaimIn(StateTransaction tx, string worker)
    {
        var state = tx.Dict;
        var ours = Ours(tx);
        var status = SessionFields.Text(state, SessionFields.Status, SessionStatus.Active);
        if (status == SessionStatus.Disabled)
        {
            return new ClaimOutcome(ClaimStatus.Disabled);
        }

        if (status == SessionStatus.Complete)
        {
            return new ClaimOutcome(ClaimStatus.Complete);
        }

        var now = UtcNow();
        ExpireLeases(tx, ours, now);
        var trials = SessionFields.TrialList(state);
        var leaseUntil = now + Lease(ours);
        var resumable = Resumable(tx);
        while (resumable.Count > 0)
        {
            var tid = PyPlain.AsLong(resumable[0]) ?? -1;
            tx.Delete([SessionFields.ResumableTids, 0]);
            var index = IndexOf(trials, tid);
            if (index < 0 || IsFinished((PyDict)trials[index]))
            {
                continue; // deleted or finished meanwhile
            }

            Claim(tx, index, tid, worker, now, leaseUntil);
            var values = TrialValues.FromVals(Space(state).Compile(), PyPlain.FromPy(Misc((PyDict)trials[index])["vals"]));
            return new ClaimOutcome(ClaimStatus.Claimed, new TrialClaim(tid, worker, values, Space(state).Evaluate(values), true, leaseUntil));
        }

        var maxEvals = SessionFields.Long(state, SessionFields.MaxEvals) ?? 0;
        if (trials.Count >= maxEvals)
        {
            return NothingNew(tx, ours, now);
        }

        var space = Space(state);
        var flat = space.Compile();
        var newTid = NextTid(ours, trials);
        var seed = SessionFields.Long(ours, SessionFields.Seed) ?? 0;
        IReadOnlyDictionary<string, double> suggestion;
        var sampler = SamplerRegistry.Create(SessionFields.Text(state, SessionFields.Algo, "tpe"));
        try
        {
            // Random search ignores the history; do not build it.
            var history = sampler is RandomSampler ? [] : History(flat, trials);
            suggestion = sampler.Suggest(flat, history, new Random(MixSeed(seed, newTid)));
        }
        catch (InvalidOperationException) when (sampler is GridSampler)
        {
            // Every grid point is completed or running.
            return NothingNew(tx, ours, now);
        }

        tx.Append([SessionFields.Trials], NewTrial(flat, newTid, suggestion, worker, now));
        tx.Set([SessionFields.Ours, SessionFields.NextTid], newTid + 1);
        tx.Set([SessionFields.Ours, SessionFields.Claims, newTid], ClaimRecord(worker, leaseUntil));
        return new ClaimOutcome(ClaimStatus.Claimed, new TrialClaim(newTid, worker, suggestion, space.Evaluate(suggestion), false, leaseUntil));
    }

    /// <summary>Records the result of a claimed trial; throws <see cref="ClaimLostException"/> when the claim is not the worker's any more.</summary>
    public void Record(long tid, string worker, TrialResult result, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Store.Transact(Key, tx => RecordIn(tx, tid, worker, result, duration));
    }

    private void RecordIn(StateTransaction tx, long tid, string worker, TrialResult result, TimeSpan? duration)
    {
        var state = tx.Dict;
        var ours = Ours(tx);
        var claims = (PyDict)ours[SessionFields.Claims];
        var holder = claims.TryGetValue(tid, out var c) && c is PyDict claim ? SessionFields.Text(claim, "worker", string.Empty) : null;
        if (holder != worker)
        {
            throw ClaimLostException.For(Key.ToString(), tid, worker, holder);
        }

        var trials = SessionFields.TrialList(state);
        var index = IndexOf(trials, tid);
        if (index < 0)
        {
            throw ClaimLostException.For(Key.ToString(), tid, worker, null);
        }

        var now = UtcNow();
        var doc = new PyDict { ["status"] = result.IsOk ? "ok" : "fail" };
        if (result.Loss is { } loss)
        {
            doc["loss"] = loss;
        }

        if (result.Error is { } error)
        {
            doc["error"] = error;
        }

        if (result.ExitCode is { } code && !result.IsOk)
        {
            doc["exit_code"] = code;
        }

        foreach (var (name, value) in result.Extra)
        {
            if (!doc.ContainsKey(name))
            {
                doc[name] = PyPlain.ToPy(value);
            }
        }

        tx.Set([SessionFields.Trials, index, "result"], doc);
        tx.Set([SessionFields.Trials, index, "state"], result.IsOk ? 2 : 3);
        tx.Set([SessionFields.Trials, index, "refresh_time"], new PyDateTime(now));
        if (duration is { } d)
        {
            tx.Set([SessionFields.Trials, index, "duration"], d.TotalSeconds);
        }

        tx.Delete([SessionFields.Ours, SessionFields.Claims, tid]);
        var finished = FinishedCount(tx, ours) + 1;
        tx.Set([SessionFields.Ours, SessionFields.Finished], finished);
        var inARow = result.IsOk ? 0 : (SessionFields.Long(ours, SessionFields.FailuresInARow) ?? 0) + 1;
        tx.Set([SessionFields.Ours, SessionFields.FailuresInARow], inARow);
        if (finished >= (SessionFields.Long(state, SessionFields.MaxEvals) ?? long.MaxValue))
        {
            tx.Set([SessionFields.Status], SessionStatus.Complete);
        }
        else if (SessionFields.Long(ours, SessionFields.MaxFailures) is { } max && inARow >= max)
        {
            tx.Set([SessionFields.Status], SessionStatus.Disabled);
            tx.Set([SessionFields.Ours, SessionFields.DisabledReason], $"{inARow} failures in a row (--max-failures {max}); last: {result.Error}");
        }
    }

    /// <summary>Extends a claim's lease; false when the claim is not the worker's any more.</summary>
    public bool Renew(long tid, string worker) => Store.Transact(Key, tx =>
    {
        var ours = Ours(tx);
        if (!HeldBy(ours, tid, worker))
        {
            return false;
        }

        tx.Set([SessionFields.Ours, SessionFields.Claims, tid, "lease_until"], new PyDateTime(UtcNow() + Lease(ours)));
        return true;
    });

    /// <summary>Gives a claimed trial back unfinished (a worker stopping early): it becomes resumable. False when not held.</summary>
    public bool HandBack(long tid, string worker) => Store.Transact(Key, tx =>
    {
        var ours = Ours(tx);
        if (!HeldBy(ours, tid, worker))
        {
            return false;
        }

        MakeResumable(tx, tid);
        return true;
    });

    /// <summary>The original's <c>reset_active_search_trials</c>: every claimed-but-unfinished trial becomes resumable. Returns how many.</summary>
    public int ResetActive() => Store.Transact(Key, tx =>
    {
        var state = tx.Dict;
        var ours = Ours(tx);
        var already = Resumable(tx).Items.Select(v => PyPlain.AsLong(v)).ToHashSet();
        var count = 0;
        foreach (var item in SessionFields.TrialList(state).Items.ToList())
        {
            var trial = (PyDict)item;
            var tid = SessionFields.Tid(trial);
            if (!IsFinished(trial) && !already.Contains(tid))
            {
                MakeResumable(tx, tid);
                count++;
            }
        }

        if (SessionFields.Text(state, SessionFields.Status, SessionStatus.Active) != SessionStatus.Complete || count > 0)
        {
            tx.Set([SessionFields.Status], SessionStatus.Active);
        }

        _ = ours;
        return count;
    });

    /// <summary>The original's <c>delete_active_search_trials</c>: removes every unfinished trial. Returns how many.</summary>
    public int DeleteActive() => Store.Transact(Key, tx =>
    {
        Ours(tx);
        var trials = SessionFields.TrialList(tx.Dict);
        var removed = 0;
        for (var i = trials.Count - 1; i >= 0; i--)
        {
            if (!IsFinished((PyDict)trials[i]))
            {
                tx.Delete([SessionFields.Trials, i]);
                removed++;
            }
        }

        tx.Set([SessionFields.ResumableTids], new PyList());
        tx.Set([SessionFields.Ours, SessionFields.Claims], new PyDict());
        return removed;
    });

    /// <summary>Deletes the trial at <paramref name="index"/> of the trial list (the original's <c>del_trial</c>).</summary>
    public PyDict DeleteTrial(int index) => Store.Transact(Key, tx =>
    {
        var ours = Ours(tx);
        var trials = SessionFields.TrialList(tx.Dict);
        if (index < 0 || index >= trials.Count)
        {
            throw SessionException.Because($"{Key}: no trial at index {index} (the session has {trials.Count} trials: 0..{trials.Count - 1})");
        }

        var trial = (PyDict)trials[index];
        var tid = SessionFields.Tid(trial);
        tx.Delete([SessionFields.Trials, index]);
        if (((PyDict)ours[SessionFields.Claims]).ContainsKey(tid))
        {
            tx.Delete([SessionFields.Ours, SessionFields.Claims, tid]);
        }

        if (IsFinished(trial))
        {
            tx.Set([SessionFields.Ours, SessionFields.Finished], FinishedCount(tx, ours) - 1);
            if (SessionFields.Text(tx.Dict, SessionFields.Status, SessionStatus.Active) == SessionStatus.Complete)
            {
                tx.Set([SessionFields.Status], SessionStatus.Active);
            }
        }

        return trial;
    });

    /// <summary>Sets the status to active or disabled (stop / restart).</summary>
    public void SetStatus(string status, string? reason = null)
    {
        if (status is not (SessionStatus.Active or SessionStatus.Disabled))
        {
            throw new ArgumentException($"status must be active or disabled, not {status}", nameof(status));
        }

        Store.Transact(Key, tx =>
        {
            Ours(tx);
            var current = SessionFields.Text(tx.Dict, SessionFields.Status, SessionStatus.Active);
            if (current == SessionStatus.Complete && status == SessionStatus.Active)
            {
                return;
            }

            tx.Set([SessionFields.Status], status);
            tx.Set([SessionFields.Ours, SessionFields.DisabledReason], reason is null ? PyNone.Instance : new PyStr(reason));
        });
    }

    /// <summary>Replaces the objective (e.g. to continue a session of the original, whose objective was a Python function).</summary>
    public void SetObjective(ObjectiveSpec objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Store.Transact(Key, tx =>
        {
            Ours(tx);
            tx.Set([SessionFields.Objective], objective.ToPython());
        });
    }

    /// <summary>Stores plain data under <c>ssearch.&lt;name&gt;</c> (executor settings, Slurm job ids, …).</summary>
    public void SetExtra(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Store.Transact(Key, tx =>
        {
            Ours(tx);
            tx.Set([SessionFields.Ours, name], PyPlain.ToPy(value));
        });
    }

    /// <summary>A read-only summary of the session now (trials, best, counts, settings).</summary>
    public SessionView View()
    {
        var state = SessionFields.Dict(Store.Read(Key), "the state");
        CheckFormat(SessionFields.OursOrNull(state));
        return SessionView.From(Key, state, Space(state), UtcNow());
    }

    private static DateTime Micro(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified);

    private DateTime UtcNow()
    {
        // The original's book_time/refresh_time are naive UTC with millisecond precision.
        var now = _time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Unspecified);
    }

    private StructuredSpace Space(PyDict state) =>
        _space ??= SessionSpace.Read(state.TryGetValue(SessionFields.Space, out var s) ? s : throw SessionException.Because($"{Key} has no space"));

    /// <summary>Our <c>ssearch</c> dict, created (for a state of the original) with counters taken from the trials.</summary>
    private PyDict Ours(StateTransaction tx)
    {
        var state = tx.Dict;
        var ours = SessionFields.OursOrNull(state);
        CheckFormat(ours);
        if (ours is not null)
        {
            return ours;
        }

        var trials = SessionFields.TrialList(state);
        tx.Set([SessionFields.Ours], new PyDict
        {
            [SessionFields.Format] = FormatVersion,
            [SessionFields.Seed] = 0,
            [SessionFields.LeaseSeconds] = 60.0,
            [SessionFields.Claims] = new PyDict(),
            [SessionFields.NextTid] = trials.Items.Select(t => SessionFields.Tid((PyDict)t)).DefaultIfEmpty(-1).Max() + 1,
            [SessionFields.Finished] = trials.Items.Count(t => IsFinished((PyDict)t)),
            [SessionFields.FailuresInARow] = 0,
        });
        return (PyDict)tx.Dict[SessionFields.Ours];
    }

    private void CheckFormat(PyDict? ours)
    {
        if (SessionFields.Long(ours, SessionFields.Format) is { } format && format > FormatVersion)
        {
            throw SessionException.NewerFormat(Key.ToString(), format, FormatVersion);
        }
    }

    private static PyList Resumable(StateTransaction tx)
    {
        if (tx.Dict.TryGetValue(SessionFields.ResumableTids, out var r) && r is PyList list)
        {
            return list;
        }

        tx.Set([SessionFields.ResumableTids], new PyList());
        return (PyList)tx.Dict[SessionFields.ResumableTids];
    }

    private static TimeSpan Lease(PyDict ours) => TimeSpan.FromSeconds(SessionFields.Double(ours, SessionFields.LeaseSeconds) ?? 60);

    private static bool HeldBy(PyDict ours, long tid, string worker) =>
        ((PyDict)ours[SessionFields.Claims]).TryGetValue(tid, out var c) && c is PyDict claim && SessionFields.Text(claim, "worker", string.Empty) == worker;

    private static void ExpireLeases(StateTransaction tx, PyDict ours, DateTime now)
    {
        var claims = (PyDict)ours[SessionFields.Claims];
        var lapsed = claims
            .Where(p => p.Value is PyDict claim && claim.TryGetValue("lease_until", out var until) && until is PyDateTime t && t.Value < now)
            .Select(p => PyPlain.AsLong(p.Key) ?? -1)
            .ToList();
        foreach (var tid in lapsed)
        {
            MakeResumable(tx, tid);
        }
    }

    private static void MakeResumable(StateTransaction tx, long tid)
    {
        var ours = (PyDict)tx.Dict[SessionFields.Ours];
        if (((PyDict)ours[SessionFields.Claims]).ContainsKey(tid))
        {
            tx.Delete([SessionFields.Ours, SessionFields.Claims, tid]);
        }

        var trials = SessionFields.TrialList(tx.Dict);
        var index = IndexOf(trials, tid);
        if (index >= 0)
        {
            tx.Set([SessionFields.Trials, index, "worker_id"], PyNone.Instance);
        }

        Resumable(tx);
        tx.Append([SessionFields.ResumableTids], tid);
    }

    private ClaimOutcome NothingNew(StateTransaction tx, PyDict ours, DateTime now)
    {
        var state = tx.Dict;
        var finished = FinishedCount(tx, ours);
        if (finished >= (SessionFields.Long(state, SessionFields.MaxEvals) ?? 0))
        {
            tx.Set([SessionFields.Status], SessionStatus.Complete);
            return new ClaimOutcome(ClaimStatus.Complete);
        }

        var claims = (PyDict)ours[SessionFields.Claims];
        if (claims.Count > 0)
        {
            var earliest = claims.Values.OfType<PyDict>()
                .Select(c => c.TryGetValue("lease_until", out var u) && u is PyDateTime t ? t.Value : now)
                .Min();
            var wait = earliest - now;
            return new ClaimOutcome(ClaimStatus.Wait, RetryAfter: wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        }

        // Unfinished trials nobody holds (claimed by an original worker, which kept no lease): 'restart' resumes them.
        return new ClaimOutcome(ClaimStatus.Complete);
    }

    private static long FinishedCount(StateTransaction tx, PyDict ours) =>
        SessionFields.Long(ours, SessionFields.Finished) ?? SessionFields.TrialList(tx.Dict).Items.Count(t => IsFinished((PyDict)t));

    private static long NextTid(PyDict ours, PyList trials) =>
        SessionFields.Long(ours, SessionFields.NextTid) ?? trials.Items.Select(t => SessionFields.Tid((PyDict)t)).DefaultIfEmpty(-1).Max() + 1;

    internal static bool IsFinished(PyDict trial) => SessionFields.ResultStatus(trial) is "ok" or "fail";

    private static PyDict Misc(PyDict trial) => trial.TryGetValue("misc", out var m) && m is PyDict misc ? misc : new PyDict { ["vals"] = new PyDict() };

    /// <summary>Trial ids are list indices unless trials were deleted: try the index first, then search.</summary>
    private static int IndexOf(PyList trials, long tid)
    {
        if (tid >= 0 && tid < trials.Count && SessionFields.Tid((PyDict)trials[(int)tid]) == tid)
        {
            return (int)tid;
        }

        for (var i = trials.Count - 1; i >= 0; i--)
        {
            if (SessionFields.Tid((PyDict)trials[i]) == tid)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Claim(StateTransaction tx, int index, long tid, string worker, DateTime now, DateTime leaseUntil)
    {
        tx.Set([SessionFields.Trials, index, "worker_id"], worker);
        tx.Set([SessionFields.Trials, index, "refresh_time"], new PyDateTime(now));
        tx.Set([SessionFields.Ours, SessionFields.Claims, tid], ClaimRecord(worker, leaseUntil));
    }

    private static PyDict ClaimRecord(string worker, DateTime leaseUntil) => new()
    {
        ["worker"] = worker,
        ["lease_until"] = new PyDateTime(leaseUntil),
    };

    private List<Observation> History(SearchSpace flat, PyList trials)
    {
        var history = new List<Observation>(trials.Count);
        foreach (var item in trials.Items)
        {
            var trial = (PyDict)item;
            var values = _values.GetValue(trial, t => TrialValues.FromVals(flat, PyPlain.FromPy(Misc(t).TryGetValue("vals", out var v) ? v : new PyDict())));
            var result = trial.TryGetValue("result", out var r) ? r as PyDict : null;
            history.Add(SessionFields.ResultStatus(trial) switch
            {
                "ok" when PyPlain.AsDouble(result?.TryGetValue("loss", out var l) == true ? l : null) is { } loss && !double.IsNaN(loss) => Observation.Completed(values, loss),
                "ok" or "fail" => new Observation(values, ObservationState.Failed),
                _ => Observation.Running(values),
            });
        }

        return history;
    }

    /// <summary>A hyperopt trial document: claimed by <paramref name="worker"/> (state running), or queued when it is null (state new).</summary>
    internal static PyDict NewTrial(SearchSpace flat, long tid, IReadOnlyDictionary<string, double> values, string? worker, DateTime now) => new()
    {
        ["state"] = worker is null ? 0 : 1,
        ["tid"] = tid,
        ["spec"] = PyNone.Instance,
        ["result"] = new PyDict { ["status"] = "new" },
        ["misc"] = new PyDict
        {
            ["tid"] = tid,
            ["cmd"] = DomainCmd,
            ["workdir"] = PyNone.Instance,
            ["idxs"] = PyPlain.ToPy(TrialValues.ToIdxs(flat, values, tid)),
            ["vals"] = PyPlain.ToPy(TrialValues.ToVals(flat, values)),
        },
        ["exp_key"] = PyNone.Instance,
        ["owner"] = PyNone.Instance,
        ["version"] = 0,
        ["book_time"] = new PyDateTime(now),
        ["refresh_time"] = new PyDateTime(now),
        ["worker_id"] = worker is null ? PyNone.Instance : new PyStr(worker),
    };

    /// <summary>One seed per (session seed, trial id), so whichever worker suggests trial t suggests the same point for the same history.</summary>
    private static int MixSeed(long seed, long tid)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)tid * 0xC2B2AE3D27D4EB4FUL);
        x ^= x >> 31;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 29;
        return (int)(x & 0x7FFFFFFF);
    }
}
