using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Trials;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions;

/// <summary>A read-only summary of a session: settings, trials and results (what <c>list</c>, <c>show</c> and <c>export</c> print).</summary>
public sealed record SessionView
{
    /// <summary>The key.</summary>
    public required StateKey Key { get; init; }

    /// <summary>active, disabled or complete.</summary>
    public required string Status { get; init; }

    /// <summary>The sampler name.</summary>
    public required string Algo { get; init; }

    /// <summary>How many results complete the session.</summary>
    public required long MaxEvals { get; init; }

    /// <summary>The space.</summary>
    public required StructuredSpace Space { get; init; }

    /// <summary>The command objective, or null (the original stored Python functions, which we cannot run).</summary>
    public ObjectiveSpec? Objective { get; init; }

    /// <summary>A description of a stored objective that is not a command (e.g. <c>make_slurm_states.objective</c>).</summary>
    public string? ForeignObjective { get; init; }

    /// <summary>When the session started (local time, as the original stored it).</summary>
    public DateTime? StartTime { get; init; }

    /// <summary>Why the session was disabled, if it said.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Every trial, in list order.</summary>
    public required IReadOnlyList<TrialView> Trials { get; init; }

    /// <summary>Our settings and records under <c>ssearch</c> (executor, Slurm jobs, …) as plain data.</summary>
    public required IReadOnlyDictionary<string, object?> Extra { get; init; }

    /// <summary>Trials running now.</summary>
    public int Running => Trials.Count(t => t.Status == TrialStatus.Running);

    /// <summary>Trials finished (ok or fail).</summary>
    public int Completed => Trials.Count(t => t.Status is TrialStatus.Ok or TrialStatus.Fail);

    /// <summary>Trials that failed.</summary>
    public int Failed => Trials.Count(t => t.Status == TrialStatus.Fail);

    /// <summary>The ok trial with the smallest loss.</summary>
    public TrialView? Best => Trials.Where(t => t.Loss is not null).MinBy(t => t.Loss);

    /// <summary>The ok trial with the largest loss.</summary>
    public TrialView? Worst => Trials.Where(t => t.Loss is not null).MaxBy(t => t.Loss);

    internal static SessionView From(StateKey key, PyDict state, StructuredSpace space, DateTime nowUtc)
    {
        var ours = SessionFields.OursOrNull(state);
        var claims = ours is not null && ours.TryGetValue(SessionFields.Claims, out var c) && c is PyDict cd ? cd : new PyDict();
        var resumable = state.TryGetValue(SessionFields.ResumableTids, out var r) && r is PyList rl
            ? rl.Items.Select(v => PyPlain.AsLong(v)).ToHashSet()
            : [];
        var flat = space.Compile();
        var trials = SessionFields.TrialList(state).Items.Select((item, index) => Trial((PyDict)item, index, flat, space, claims, resumable, nowUtc)).ToList();
        state.TryGetValue(SessionFields.Objective, out var objective);
        return new SessionView
        {
            Key = key,
            Status = SessionFields.Text(state, SessionFields.Status, SessionStatus.Active),
            Algo = SessionFields.Text(state, SessionFields.Algo, "tpe"),
            MaxEvals = SessionFields.Long(state, SessionFields.MaxEvals) ?? 0,
            Space = space,
            Objective = ObjectiveSpec.FromPython(objective),
            ForeignObjective = objective is PyNone or PyDict or null ? null : objective.ToString(),
            StartTime = state.TryGetValue(SessionFields.StartTime, out var st) && st is PyDateTime t ? t.Value : null,
            DisabledReason = ours is not null && ours.TryGetValue(SessionFields.DisabledReason, out var why) && why is PyStr s ? s.Value : null,
            Trials = trials,
            Extra = ours is null ? new Dictionary<string, object?>() : (Dictionary<string, object?>)PyPlain.FromPy(ours)!,
        };
    }

    private static TrialView Trial(PyDict trial, int index, SearchSpace flat, StructuredSpace space, PyDict claims, HashSet<long?> resumable, DateTime nowUtc)
    {
        var tid = SessionFields.Tid(trial);
        var result = trial.TryGetValue("result", out var r) && r is PyDict rd ? rd : new PyDict();
        var resultStatus = SessionFields.ResultStatus(trial);
        var status = resultStatus switch
        {
            "ok" => TrialStatus.Ok,
            "fail" => TrialStatus.Fail,
            _ when resumable.Contains(tid) => TrialStatus.Resumable,
            _ when claims.TryGetValue(tid, out var claim) && claim is PyDict cd && cd.TryGetValue("lease_until", out var u) && u is PyDateTime until && until.Value < nowUtc => TrialStatus.Resumable,
            _ => TrialStatus.Running,
        };
        var vals = trial.TryGetValue("misc", out var m) && m is PyDict misc && misc.TryGetValue("vals", out var v) ? PyPlain.FromPy(v) : null;
        IReadOnlyDictionary<string, double> values;
        object? parameters;
        try
        {
            values = TrialValues.FromVals(flat, vals);
            parameters = space.Evaluate(values);
        }
        catch (ArgumentException)
        {
            values = new Dictionary<string, double>();
            parameters = null;
        }

        return new TrialView(
            index,
            tid,
            status,
            status == TrialStatus.Ok ? PyPlain.AsDouble(result.TryGetValue("loss", out var l) ? l : null) : null,
            values,
            parameters,
            trial.TryGetValue("worker_id", out var w) && w is PyStr ws ? ws.Value : null,
            trial.TryGetValue("book_time", out var b) && b is PyDateTime bt ? bt.Value : null,
            trial.TryGetValue("refresh_time", out var f) && f is PyDateTime ft ? ft.Value : null,
            trial.TryGetValue("duration", out var d) ? PyPlain.AsDouble(d) : null,
            (Dictionary<string, object?>)PyPlain.FromPy(result)!);
    }
}
