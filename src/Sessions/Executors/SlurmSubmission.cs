using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Executors;

/// <summary>One generation of a session's Slurm workers: the batch script, where it is written, the sbatch command and (once submitted) the job id.</summary>
/// <param name="Generation">0 for a session's first submission, then 1, 2, … for each resubmission.</param>
/// <param name="ScriptPath">Where the script is (or would be) written: <c>ROOT/type/name/slurm/gen_&lt;k&gt;.sbatch</c>.</param>
/// <param name="Script">The batch script.</param>
/// <param name="Command">The exact sbatch command that submits it.</param>
/// <param name="JobId">The array job id sbatch returned, or null for a plan that was not submitted.</param>
public sealed record SlurmSubmission(int Generation, string ScriptPath, SbatchScript Script, SlurmCommand Command, string? JobId);
