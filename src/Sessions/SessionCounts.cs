using SlurmSearch.Sessions.Executors;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions;

/// <summary>The few numbers <c>list</c> shows, read without evaluating the space or copying the state.</summary>
/// <param name="Status">active, disabled or complete.</param>
/// <param name="Running">Unfinished trials not waiting to be resumed.</param>
/// <param name="Completed">Finished trials (ok or fail).</param>
/// <param name="MaxEvals">The session's max_evals.</param>
/// <param name="SlurmJobs">The Slurm array jobs the session ran as (for the queue columns).</param>
public sealed record SessionCounts(string Status, int Running, int Completed, long MaxEvals, IReadOnlyList<string> SlurmJobs)
{
    /// <summary>Reads the counts of a session.</summary>
    public static SessionCounts Read(StateStore store, StateKey key)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Inspect(key, From);
    }

    /// <summary>The counts of a session state (not copied, not changed).</summary>
    public static SessionCounts From(PyValue value)
    {
        var state = SessionFields.Dict(value, "the state");
        var trials = state.TryGetValue(SessionFields.Trials, out var t) && t is PyList list ? list : new PyList();
        var resumable = state.TryGetValue(SessionFields.ResumableTids, out var r) && r is PyList rl ? rl.Count : 0;
        var completed = 0;
        foreach (var item in trials.Items)
        {
            if (item is PyDict trial && SearchSession.IsFinished(trial))
            {
                completed++;
            }
        }

        return new SessionCounts(
            SessionFields.Text(state, SessionFields.Status, SessionStatus.Active),
            Math.Max(0, trials.Count - completed - resumable),
            completed,
            SessionFields.Long(state, SessionFields.MaxEvals) ?? 0,
            SlurmGenerations.JobIds(value));
    }
}
