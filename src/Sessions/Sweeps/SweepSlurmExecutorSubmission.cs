using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>One Slurm array job of a sweep: the batch script, the per-task command table, the sbatch command and (once submitted) the job id.</summary>
/// <param name="ScriptPath">Where the script is (or would be) written: <c>ROOT/sweep/NAME/slurm/sweep_&lt;g&gt;.sbatch</c>.</param>
/// <param name="Script">The batch script.</param>
/// <param name="TablePath">Where the command table is (or would be) written, next to the script.</param>
/// <param name="Table">The command table: one JSON object per line, line <c>t</c> for array task <c>t</c> (task, run, name, directory, command).</param>
/// <param name="Command">The exact sbatch command that submits the script.</param>
/// <param name="Runs">The run index of each array task.</param>
/// <param name="JobId">The array job id, or null for a plan that was not submitted.</param>
public sealed record SweepSlurmExecutorSubmission(
    string ScriptPath,
    SbatchScript Script,
    string TablePath,
    string Table,
    SlurmCommand Command,
    IReadOnlyList<int> Runs,
    string? JobId);
