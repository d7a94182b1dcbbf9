namespace SlurmSearch.Dsl.Evaluation;

/// <summary>Values of an experiment state's <c>status</c> field (<c>active</c> and <c>complete</c> are the original's).</summary>
public static class ExperimentStatus
{
    /// <summary>Being evaluated (or its process died; resume continues it).</summary>
    public const string Active = "active";

    /// <summary>Stopped by Ctrl-C or a signal; resume continues it.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Stopped by <c>run_exp --stop</c>; resume continues it.</summary>
    public const string Disabled = "disabled";

    /// <summary>Evaluation failed (an objective error, a sub-session disabled); resume retries it.</summary>
    public const string Failed = "failed";

    /// <summary>Every result computed.</summary>
    public const string Complete = "complete";
}
