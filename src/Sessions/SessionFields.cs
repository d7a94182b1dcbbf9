using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions;

/// <summary>Field names of the session state (the original's, plus our <c>ssearch</c> dict) and small typed readers.</summary>
internal static class SessionFields
{
    public const string Space = "space";
    public const string Interruptable = "interruptable";
    public const string Objective = "objective";
    public const string Algo = "algo";
    public const string Strategy = "strategy";
    public const string MaxEvals = "max_evals";
    public const string Trials = "trials";
    public const string Status = "status";
    public const string StartTime = "start_time";
    public const string ResumableTids = "resumable_tids";

    /// <summary>Our additions live under one key so the original's fields keep their meaning.</summary>
    public const string Ours = "ssearch";

    public const string Format = "format";
    public const string Seed = "seed";
    public const string LeaseSeconds = "lease_seconds";
    public const string TrialTimeout = "trial_timeout";
    public const string MaxFailures = "max_failures";
    public const string Claims = "claims";
    public const string NextTid = "next_tid";
    public const string Finished = "finished";
    public const string FailuresInARow = "failures_in_a_row";
    public const string DisabledReason = "disabled_reason";
    public const string Executor = "executor";
    public const string Slurm = "slurm";

    public static PyDict Dict(PyValue value, string what) =>
        value as PyDict ?? throw SessionException.Because($"session state: {what} is a {value.TypeName}, not a dict");

    public static PyList TrialList(PyDict state) =>
        state.TryGetValue(Trials, out var t) && t is PyList list ? list : throw SessionException.Because("session state has no trial list");

    public static PyDict? OursOrNull(PyDict state) => state.TryGetValue(Ours, out var o) ? o as PyDict : null;

    public static string Text(PyDict dict, string key, string fallback) => dict.TryGetValue(key, out var v) && v is PyStr s ? s.Value : fallback;

    public static long? Long(PyDict? dict, string key) => dict is not null && dict.TryGetValue(key, out var v) ? PyPlain.AsLong(v) : null;

    public static double? Double(PyDict? dict, string key) => dict is not null && dict.TryGetValue(key, out var v) ? PyPlain.AsDouble(v) : null;

    /// <summary>The original's rule: a trial is finished when its result status is ok (or, for ours, fail).</summary>
    public static string ResultStatus(PyDict trial) =>
        trial.TryGetValue("result", out var r) && r is PyDict result && result.TryGetValue("status", out var s) && s is PyStr status ? status.Value : "new";

    public static long Tid(PyDict trial) => PyPlain.AsLong(trial.TryGetValue("tid", out var t) ? t : null) ?? -1;
}
