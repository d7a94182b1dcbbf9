using SlurmSearch.Sessions;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>
/// An experiment's record at store key <c>exp:NAME</c>, with the original's fields — <c>status</c>, <c>func</c> (here the
/// experiment's name), <c>base_params</c>, <c>override_params</c>, <c>params</c>, <c>start_time</c>,
/// <c>partial_results</c> (AST path parts nested as dicts, each ending in <c>{"partial_result": sub-session key}</c>) and
/// <c>results</c> — as plain Python values, plus ours under <c>ssearch</c> (the source text evaluated, debug flag, seed).
/// </summary>
public sealed class ExperimentState
{
    /// <summary>The key type of experiments.</summary>
    public const string KeyType = "exp";

    /// <summary>The leaf key of a registered partial result (the original's name).</summary>
    public const string PartialResultKey = "partial_result";

    /// <summary>Opens an existing experiment's state (nothing is read yet).</summary>
    public ExperimentState(StateStore store, StateKey key)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (key.Type != KeyType)
        {
            throw ExperimentException.Because($"'{key}' is not an experiment (experiments are exp:NAME)");
        }

        Store = store;
        Key = key;
    }

    /// <summary>The store.</summary>
    public StateStore Store { get; }

    /// <summary>The experiment's key.</summary>
    public StateKey Key { get; }

    /// <summary>Creates a new experiment under an unused random phrase (the original's short <c>exp:</c> names).</summary>
    public static ExperimentState Create(StateStore store, ExperimentRecord record, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        var now = time.GetLocalNow().DateTime;
        var state = new PyDict
        {
            ["status"] = ExperimentStatus.Active,
            ["func"] = record.Name,
            ["base_params"] = ExperimentParams.ToPy(record.BaseParams),
            ["override_params"] = ExperimentParams.ToPy(record.OverrideParams),
            ["params"] = ExperimentParams.ToPy(record.Params),
            ["start_time"] = new PyDateTime(new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified)),
            ["partial_results"] = new PyDict(),
            ["ssearch"] = new PyDict
            {
                ["format"] = 1,
                ["source"] = record.Source,
                ["file"] = record.File,
                ["debug"] = record.Debug,
                ["seed"] = record.Seed,
            },
        };
        while (true)
        {
            var key = StateKey.Of(KeyType, RandomPhrase.Unused(random, name => store.Exists(StateKey.Of(KeyType, name))));
            try
            {
                store.Create(key, state);
                return new ExperimentState(store, key);
            }
            catch (StateExistsException)
            {
                // Another process took the name between the check and the create: draw again.
            }
        }
    }

    /// <summary>What was recorded when the experiment was created.</summary>
    public ExperimentRecord Record()
    {
        var state = ReadDict();
        var ours = state.TryGetValue("ssearch", out var o) && o is PyDict od ? od : new PyDict();
        return new ExperimentRecord(
            PyPlain.AsString(state.TryGetValue("func", out var f) ? f : null) ?? "?",
            ExperimentParams.TreeFromPy(state.TryGetValue("base_params", out var b) ? b : null),
            ExperimentParams.TreeFromPy(state.TryGetValue("override_params", out var ov) ? ov : null),
            ExperimentParams.TreeFromPy(state.TryGetValue("params", out var p) ? p : null),
            PyPlain.AsString(ours.TryGetValue("source", out var s) ? s : null) ?? string.Empty,
            PyPlain.AsString(ours.TryGetValue("file", out var fi) ? fi : null) ?? string.Empty,
            ours.TryGetValue("debug", out var d) && d is PyBool { Value: true },
            PyPlain.AsLong(ours.TryGetValue("seed", out var se) ? se : null) ?? 0);
    }

    /// <summary>The <c>status</c> field.</summary>
    public string Status() => PyPlain.AsString(ReadDict().TryGetValue("status", out var s) ? s : null) ?? ExperimentStatus.Active;

    /// <summary>The <c>results</c> field, or null before completion.</summary>
    public PyValue? Results() => ReadDict().TryGetValue("results", out var r) ? r : null;

    /// <summary>Sets the <c>status</c> field.</summary>
    public void SetStatus(string status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        Store.Transact(Key, tx => tx.Set(["status"], status));
    }

    /// <summary>The original's <c>update_experiment_results</c>: stores the results and marks the experiment complete.</summary>
    public void Complete(PyValue results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Store.Transact(Key, tx =>
        {
            tx.Set(["results"], results);
            tx.Set(["status"], ExperimentStatus.Complete);
        });
    }

    /// <summary>Stores the evaluated report calls (what <c>ssearch report</c> rewrites the report from).</summary>
    public void SetReportCalls(IEnumerable<Reports.ReportCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        Store.Transact(Key, tx => tx.Set([Reports.ReportCall.StateField], Reports.ReportCall.ListToPyValue(calls)));
    }

    /// <summary>The partial result registered at <paramref name="path"/> (a sub-session key), or null.</summary>
    public PyValue? PartialResult(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Store.Inspect(Key, state =>
        {
            var node = state is PyDict d && d.TryGetValue("partial_results", out var p) ? p : null;
            foreach (var part in path)
            {
                node = node is PyDict nd && nd.TryGetValue(part, out var next) ? next : null;
            }

            return node is PyDict leaf && leaf.TryGetValue(PartialResultKey, out var value) ? PyClone.Deep(value) : null;
        });
    }

    /// <summary>The original's <c>update_experiment_partial_result</c>: registers <paramref name="value"/> at <paramref name="path"/>.</summary>
    public void SetPartialResult(IReadOnlyList<string> path, PyValue value)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        Store.Transact(Key, tx =>
        {
            if (!tx.Dict.TryGetValue("partial_results", out var root) || root is not PyDict)
            {
                tx.Set(["partial_results"], new PyDict());
            }

            var at = new List<PyValue> { "partial_results" };
            var node = (PyDict)tx.Dict["partial_results"];
            foreach (var part in path)
            {
                at.Add(part);
                if (!node.TryGetValue(part, out var next) || next is not PyDict)
                {
                    tx.Set([.. at], new PyDict());
                    next = node[part];
                }

                node = (PyDict)next;
            }

            at.Add(PartialResultKey);
            tx.Set([.. at], value);
        });
    }

    /// <summary>The original's <c>experiment_subsessions</c>: every <c>sampling:</c>/<c>slurm:</c> key registered, in registration order, once.</summary>
    public IReadOnlyList<StateKey> SubSessions()
    {
        var found = new List<StateKey>();
        Store.Inspect(Key, state =>
        {
            if (state is PyDict d && d.TryGetValue("partial_results", out var p))
            {
                Collect(p, found);
            }

            return true;
        });
        return [.. found.Distinct()];
    }

    private static void Collect(PyValue node, List<StateKey> found)
    {
        if (node is not PyDict dict)
        {
            return;
        }

        foreach (var (key, value) in dict)
        {
            if (key is PyStr { Value: PartialResultKey } && value is PyStr text
                && (text.Value.StartsWith("sampling:", StringComparison.Ordinal) || text.Value.StartsWith("slurm:", StringComparison.Ordinal))
                && StateKey.TryParse(text.Value, out var sub))
            {
                found.Add(sub);
            }
            else
            {
                Collect(value, found);
            }
        }
    }

    private PyDict ReadDict() => Store.Inspect(Key, state => state as PyDict ?? throw ExperimentException.Because($"{Key}: the state is a {state.TypeName}, not an experiment"));
}
