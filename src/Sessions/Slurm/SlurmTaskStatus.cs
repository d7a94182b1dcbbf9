namespace SlurmSearch.Sessions.Slurm;

/// <summary>One row of squeue: a plain job or one task of an array job.</summary>
/// <param name="ArrayJobId">The array's master id (squeue <c>%F</c>); for a plain job, its own id.</param>
/// <param name="TaskIndex">The array task index (<c>%K</c>), or null for a plain job.</param>
/// <param name="DisplayId">The id as users write it (<c>%i</c>): <c>12_3</c> for a task, <c>12</c> for a plain job.</param>
/// <param name="TaskJobId">The task's own job id (<c>%A</c>): every array task has one, distinct from the master id except for one task.</param>
/// <param name="State">The state.</param>
/// <param name="StateName">The state as squeue printed it.</param>
/// <param name="Reason">Why it waits or ended (<c>%r</c>: Resources, JobArrayTaskLimit, TimeLimit, …), or null when squeue says None.</param>
/// <param name="Nodes">The nodes it runs or ran on (<c>%N</c>), or null while pending.</param>
public sealed record SlurmTaskStatus(
    string ArrayJobId,
    int? TaskIndex,
    string DisplayId,
    string TaskJobId,
    SlurmJobState State,
    string StateName,
    string? Reason,
    string? Nodes)
{
    /// <summary>Whether the task is still queued, running or finishing (see <see cref="SlurmJobStates.IsActive"/>).</summary>
    public bool IsActive => SlurmJobStates.IsActive(State);
}
