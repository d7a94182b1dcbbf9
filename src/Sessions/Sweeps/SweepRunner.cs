using System.Diagnostics;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// The entry point of sweep execution: stores a <see cref="SweepPlan"/> as a <c>sweep:NAME</c> session and launches its
/// queued runs on the plan's backend — local processes, one Slurm array job, tmux windows or NGC jobs.
/// </summary>
public sealed class SweepRunner
{
    private readonly StateStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner over <paramref name="store"/>.</summary>
    public SweepRunner(StateStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The key a new sweep gets: <paramref name="name"/> when given, else the plan's group id when free, else a random phrase.</summary>
    public StateKey KeyFor(SweepPlan plan, string? name = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (name is not null)
        {
            return StateKey.Of(SweepSession.KeyType, name);
        }

        if (StateKey.TryParse($"{SweepSession.KeyType}:{plan.GroupId}", out var group) && !_store.Exists(group))
        {
            return group;
        }

        return StateKey.Of(SweepSession.KeyType, RandomPhrase.Unused(random ?? new Random(), n => _store.Exists(StateKey.Of(SweepSession.KeyType, n))));
    }

    /// <summary>Stores <paramref name="plan"/> as a new sweep session (see <see cref="KeyFor"/>).</summary>
    public SweepSession Create(SweepPlan plan, string? name = null, Random? random = null) =>
        SweepSession.Create(_store, KeyFor(plan, name, random), plan, _time);

    /// <summary>Launches the queued runs of <paramref name="session"/> on its backend (local runs are awaited; Slurm, tmux and NGC return once launched unless asked to wait).</summary>
    public Task<SweepRunnerReport> RunAsync(SweepSession session, SweepRunnerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var plan = session.Plan();
        return plan.Options.Backend switch
        {
            SweepBackend.Local => new SweepLocalExecutor(_time).RunAsync(session, request, cancellationToken),
            SweepBackend.Slurm => new SweepSlurmExecutor(request.Slurm ?? new SlurmClient(new ProcessSlurmCommandRunner())).RunAsync(session, request, cancellationToken),
            SweepBackend.Tmux => new SweepTmuxExecutor(_time).RunAsync(session, request, cancellationToken),
            SweepBackend.Ngc => new SweepNgcExecutor().RunAsync(session, request, cancellationToken),
            _ => throw SessionException.Because($"backend {plan.Options.Backend} is not supported"),
        };
    }

    /// <summary>
    /// Stops a sweep's runs on this machine: the session is disabled (no worker starts another run) and the process group
    /// of every run recorded as running here gets SIGTERM, then SIGKILL after <paramref name="grace"/>. Returns the runs signalled.
    /// </summary>
    public static IReadOnlyList<int> StopLocal(SweepSession session, TimeSpan grace, string reason = "stopped by ssearch stop")
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Session.SetStatus(SessionStatus.Disabled, reason);
        var processes = session.LocalProcesses()
            .Where(p => SweepRunnerProcessGroups.IsAlive(p.Value.ProcessGroup, p.Value.StartTicks))
            .ToList();
        foreach (var (_, (group, _)) in processes)
        {
            SweepRunnerProcessGroups.Signal(group, SweepRunnerProcessGroups.SigTerm);
        }

        var watch = Stopwatch.StartNew();
        while (processes.Any(p => SweepRunnerProcessGroups.IsAlive(p.Value.ProcessGroup, p.Value.StartTicks)) && watch.Elapsed < grace)
        {
            Thread.Sleep(100);
        }

        foreach (var (_, (group, start)) in processes)
        {
            if (SweepRunnerProcessGroups.IsAlive(group, start))
            {
                SweepRunnerProcessGroups.Signal(group, SweepRunnerProcessGroups.SigKill);
            }
        }

        return [.. processes.Select(p => p.Key).Order()];
    }
}
