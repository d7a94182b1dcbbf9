using System.Globalization;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Commands;

/// <summary>Pending and running Slurm tasks per session for <c>list</c>, from ONE squeue call over every session's recorded jobs.</summary>
internal sealed class SlurmTaskCounts
{
    private readonly Dictionary<StateKey, IReadOnlyList<string>> _jobs;
    private readonly SlurmQueue? _queue;

    private SlurmTaskCounts(Dictionary<StateKey, IReadOnlyList<string>> jobs, SlurmQueue? queue)
    {
        _jobs = jobs;
        _queue = queue;
    }

    /// <summary>The counts, or null when no listed session ever ran on Slurm (no call is made then); a failing squeue gives unknown counts.</summary>
    public static SlurmTaskCounts? Read(IReadOnlyList<SessionListRow> rows)
    {
        var jobs = rows.ToDictionary(r => r.Key, r => r.SlurmJobs);
        if (jobs.Values.All(j => j.Count == 0))
        {
            return null;
        }

        try
        {
            return new SlurmTaskCounts(jobs, new SlurmClient(new ProcessSlurmCommandRunner()).Queue(jobs.Values.SelectMany(j => j)));
        }
        catch (SearchException e) when (e is SlurmUnavailableException or SlurmCommandException)
        {
            return new SlurmTaskCounts(jobs, null);
        }
    }

    public int? Pending(StateKey key) => Count(key, s => s is SlurmJobState.Pending or SlurmJobState.Held or SlurmJobState.Requeued);

    public int? Running(StateKey key) => Count(key, s => s is SlurmJobState.Running or SlurmJobState.Configuring or SlurmJobState.Completing or SlurmJobState.Signaling);

    /// <summary>A count as a table cell: <c>?</c> when squeue could not be asked.</summary>
    public string Show(int? count) => count is { } c ? c.ToString(CultureInfo.InvariantCulture) : "?";

    private int? Count(StateKey key, Func<SlurmJobState, bool> state)
    {
        if (_queue is null)
        {
            return null;
        }

        var ids = _jobs.TryGetValue(key, out var j) ? j : [];
        return ids.Sum(id => _queue.TasksOf(id).Count(t => state(t.State)));
    }
}
