using System.Diagnostics;
using System.Globalization;
using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// rl_utils' tmux backend: each queued run in a new window of tmux session <c>--sess-name</c> (created, detached, when
/// missing; the sweep's name by default) or of the existing session <c>--sess-id</c>. A window runs
/// <c>ssearch sweep_task SWEEP --run I --tee</c>: the run's output shows in the window and goes to its logs, and its
/// outcome is recorded in the session like any other backend's. Starts are spaced by <c>--pause-between</c>.
/// </summary>
public sealed class SweepTmuxExecutor
{
    private readonly TimeProvider _time;

    /// <summary>Creates the executor.</summary>
    public SweepTmuxExecutor(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The tmux target session of <paramref name="session"/>: <c>$ID</c>, the given name, or the sweep's name.</summary>
    public static string Target(SweepSession session, SweepLaunchOptions options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        return options.TmuxSessionId is { } id ? "$" + id.ToString(CultureInfo.InvariantCulture) : options.TmuxSessionName ?? session.Key.Name;
    }

    /// <summary>Opens one window per queued run and returns once they are open (the runs record themselves).</summary>
    public async Task<SweepRunnerReport> RunAsync(SweepSession session, SweepRunnerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        if (request.WorkerCommand.Count == 0 || request.TmuxCommand.Count == 0)
        {
            throw SessionException.Because("the tmux backend needs the tmux program and the command that starts ssearch");
        }

        var stopwatch = Stopwatch.StartNew();
        var plan = session.Plan();
        var target = Target(session, plan.Options);
        if (Tmux(request, ["has-session", "-t", target]).ExitCode != 0)
        {
            if (plan.Options.TmuxSessionId is not null)
            {
                throw SessionException.Because($"tmux has no session {target} (--sess-id): start it, or give --sess-name to create one");
            }

            Checked(request, ["new-session", "-d", "-s", target, "-c", Path.GetFullPath(plan.Options.WorkingDirectory)]);
        }

        var queued = session.Runs().Where(r => r.Status == SweepSessionRunStatus.Pending).Select(r => r.Run).ToList();
        var windows = new List<string>();
        foreach (var run in queued)
        {
            if (windows.Count > 0 && plan.Options.PauseBetween > TimeSpan.Zero)
            {
                await (request.PauseDelay ?? ((wait, token) => Task.Delay(wait, _time, token)))(plan.Options.PauseBetween, cancellationToken).ConfigureAwait(false);
            }

            var command = ShellQuote.Join([.. request.WorkerCommand, "sweep_task", session.Key.ToString(), "--run", run.Index.ToString(CultureInfo.InvariantCulture), "--tee"]);
            Checked(request, ["new-window", "-d", "-t", target + ":", "-n", run.Name, "-c", Path.GetFullPath(plan.Options.WorkingDirectory), command]);
            windows.Add($"{target}:{run.Name}: {command}");
        }

        return new SweepRunnerReport(SweepBackend.Tmux, [.. queued.Select(r => r.Index)], session.Runs(), null, windows, stopwatch.Elapsed);
    }

    private static void Checked(SweepRunnerRequest request, IReadOnlyList<string> arguments)
    {
        var (code, error) = Tmux(request, arguments);
        if (code != 0)
        {
            throw SessionException.Because($"tmux {string.Join(' ', arguments.Take(2))} failed (exit {code}): {error.Trim()}");
        }
    }

    private static (int ExitCode, string Error) Tmux(SweepRunnerRequest request, IReadOnlyList<string> arguments)
    {
        var psi = new ProcessStartInfo(request.TmuxCommand[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var part in request.TmuxCommand.Skip(1).Concat(arguments))
        {
            psi.ArgumentList.Add(part);
        }

        psi.Environment.Remove("TMUX"); // inside tmux, a nested client would refuse to start a session
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw SessionException.Because("tmux did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw SessionException.Because($"tmux is not installed or not on PATH ({e.Message})", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            _ = stdout.Result;
            return (process.ExitCode, error);
        }
    }
}
