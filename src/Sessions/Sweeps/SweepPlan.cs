namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Everything a sweep launches, in launch order, plus how to launch it; plain immutable data produced by the sweep planner.</summary>
/// <param name="GroupId">One id for the whole invocation (<c>$GROUP_ID</c>, <c>WANDB_RUN_GROUP</c>); <c>--group-id</c> prefixes it.</param>
/// <param name="BaseName">The sweep's name: the NeMo-RL job name (<c>--jobname</c> or the script's base name) or the run description's name.</param>
/// <param name="Runs">The runs in launch order (<see cref="SweepRun.Index"/> = position).</param>
/// <param name="Options">How to launch them.</param>
public sealed record SweepPlan(string GroupId, string BaseName, IReadOnlyList<SweepRun> Runs, SweepLaunchOptions Options);
