using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>rl_utils' <c>&amp;last_model WHERE group=ID&amp;</c> answered from our own <c>sweep:</c> sessions instead of W&amp;B.</summary>
public sealed class SweepSessionHistory : ISweepHistory
{
    private readonly StateStore _store;

    /// <summary>Creates the history over <paramref name="store"/>.</summary>
    public SweepSessionHistory(StateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public string? LatestFinishedRunDirectory(string groupId)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        string? best = null;
        var bestTime = DateTime.MinValue;
        foreach (var key in _store.List(SweepSession.KeyType))
        {
            var found = _store.Inspect(key, state =>
            {
                var ours = state is PyDict dict ? SessionFields.OursOrNull(dict) : null;
                if (ours is null || !ours.TryGetValue(SweepSession.SweepField, out var s) || s is not PyDict sweep
                    || SessionFields.Text(sweep, "group_id", string.Empty) != groupId
                    || !sweep.TryGetValue("runs", out var r) || r is not PyList runs)
                {
                    return ((string?)null, DateTime.MinValue);
                }

                string? directory = null;
                var time = DateTime.MinValue;
                foreach (var item in SessionFields.TrialList((PyDict)state).Items.OfType<PyDict>())
                {
                    var tid = SessionFields.Tid(item);
                    if (SessionFields.ResultStatus(item) == "ok" && item.TryGetValue("refresh_time", out var t) && t is PyDateTime when
                        && when.Value >= time && tid >= 0 && tid < runs.Count && runs[(int)tid] is PyDict run)
                    {
                        time = when.Value;
                        directory = SessionFields.Text(run, "directory", string.Empty);
                    }
                }

                return (directory, time);
            });
            if (found.Item1 is not null && found.Item2 >= bestTime)
            {
                (best, bestTime) = found;
            }
        }

        return best;
    }
}
