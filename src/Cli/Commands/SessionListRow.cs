using SlurmSearch.Sessions;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Commands;

/// <summary>One row of <c>list</c>; a session that cannot be read shows as <c>unreadable</c> with the reason instead of failing the listing.</summary>
internal sealed record SessionListRow(StateKey Key, string Status, int Running, int Completed, long MaxTrials, IReadOnlyList<string> SlurmJobs, string? Error)
{
    public static SessionListRow Read(StateStore store, StateKey key, SessionCountsCache cache)
    {
        try
        {
            var counts = cache.Read(store, key);
            return new SessionListRow(key, counts.Status, counts.Running, counts.Completed, counts.MaxEvals, counts.SlurmJobs, null);
        }
        catch (SearchException e)
        {
            return new SessionListRow(key, "unreadable", 0, 0, 0, [], e.Message);
        }
    }
}
