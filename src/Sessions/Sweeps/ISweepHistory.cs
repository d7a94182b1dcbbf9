namespace SlurmSearch.Sessions.Sweeps;

/// <summary>What earlier sweeps left behind, for rl_utils' query substitution <c>&amp;last_model WHERE group=ID&amp;</c>; implemented over the store's <c>sweep:</c> sessions.</summary>
public interface ISweepHistory
{
    /// <summary>The directory of the run of group <paramref name="groupId"/> that finished successfully last, or null when none has.</summary>
    public string? LatestFinishedRunDirectory(string groupId);
}
