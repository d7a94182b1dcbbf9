using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Benchmarks;

/// <summary>
/// The workload of <c>ssearch bench store</c>: a session of N hyperopt-shaped trials, and worker loops whose every
/// transaction is lock, read, modify one trial, commit — what a search worker's claim or record costs.
/// </summary>
public static class StoreWorkload
{
    /// <summary>Creates the benchmark state with <paramref name="trials"/> trials under <paramref name="key"/>.</summary>
    public static void Create(StateStore store, StateKey key, int trials, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        var list = new PyList();
        var random = new Random(trials);
        for (var tid = 0; tid < trials; tid++)
        {
            list.Add(Trial(tid, random.NextDouble(), now));
        }

        store.Create(key, new PyDict
        {
            ["algo"] = "rand",
            ["status"] = "active",
            ["max_evals"] = trials,
            ["trials"] = list,
            ["commits"] = new PyDict(),
        });
    }

    /// <summary>Runs transactions until <paramref name="until"/> returns true; returns how many committed.</summary>
    public static long Work(StateStore store, StateKey key, string worker, Func<bool> until, TimeProvider time, int seed)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(until);
        ArgumentNullException.ThrowIfNull(time);
        var random = new Random(seed);
        long committed = 0;
        while (!until())
        {
            var loss = random.NextDouble();
            var now = time.GetUtcNow().UtcDateTime;
            store.Transact(key, tx =>
            {
                var trials = (PyList)tx.Dict["trials"];
                var commits = (PyDict)tx.Dict["commits"];
                var count = commits.TryGetValue(worker, out var c) ? ((PyInt)c).ToInt64() : 0;
                if (trials.Count > 0)
                {
                    var tid = random.Next(trials.Count);
                    tx.Set(["trials", tid, "result"], new PyDict { ["loss"] = loss, ["status"] = "ok" });
                    tx.Set(["trials", tid, "refresh_time"], new PyDateTime(Truncate(now)));
                    tx.Set(["trials", tid, "worker_id"], worker);
                }

                tx.Set(["commits", worker], count + 1);
            });
            committed++;
        }

        return committed;
    }

    /// <summary>Checks the final state: the number of trials and the commits each worker recorded.</summary>
    public static (int Trials, long Commits) Inspect(StateStore store, StateKey key)
    {
        ArgumentNullException.ThrowIfNull(store);
        var state = (PyDict)store.Read(key);
        var commits = ((PyDict)state["commits"]).Values.Sum(v => ((PyInt)v).ToInt64());
        return (((PyList)state["trials"]).Count, commits);
    }

    private static PyDict Trial(int tid, double x, DateTime now) => new()
    {
        ["state"] = 2,
        ["tid"] = tid,
        ["spec"] = PyNone.Instance,
        ["result"] = new PyDict { ["loss"] = (x - 0.5) * (x - 0.5), ["status"] = "ok" },
        ["misc"] = new PyDict
        {
            ["tid"] = tid,
            ["cmd"] = new PyTuple("domain_attachment", "FMinIter_Domain"),
            ["workdir"] = PyNone.Instance,
            ["idxs"] = new PyDict { ["x"] = new PyList(tid) },
            ["vals"] = new PyDict { ["x"] = new PyList(x) },
        },
        ["exp_key"] = PyNone.Instance,
        ["owner"] = PyNone.Instance,
        ["version"] = 0,
        ["book_time"] = new PyDateTime(Truncate(now)),
        ["refresh_time"] = new PyDateTime(Truncate(now)),
        ["worker_id"] = "bench",
    };

    private static DateTime Truncate(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified);
}
