using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SlurmSearch.Sessions.Objectives;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// Runs one run of a sweep as a trial objective: creates <c>{dir}/logs</c> and <c>{dir}/checkpoints</c>, starts the
/// run's command with <c>setsid /bin/sh -c</c> in the sweep's working directory with the run's environment (plus
/// <c>CUDA_VISIBLE_DEVICES</c> of the worker's GPU slot or the pinned devices), appends its output to
/// <c>{dir}/logs/stdout.log</c> and <c>stderr.log</c>, and registers its process group with the session so <c>stop</c>
/// can end it from any process. Exit 0 is success, anything else failure; a JSON object written to <c>$SSEARCH_RESULT</c>
/// or printed as the last stdout line is kept with the result (<see cref="ResultParser"/>).
/// </summary>
public sealed class SweepRunnerProcess : IObjective
{
    private const int TailBytes = 64 * 1024;
    private const int StderrTailChars = 2000;
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(5);

    private readonly SweepSession _session;
    private readonly SweepPlan _plan;
    private readonly SweepRunnerProcessOptions _options;

    /// <summary>Creates the objective for the runs of <paramref name="plan"/>, stored in <paramref name="session"/>.</summary>
    public SweepRunnerProcess(SweepSession session, SweepPlan plan, SweepRunnerProcessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(plan);
        _session = session;
        _plan = plan;
        _options = options ?? new SweepRunnerProcessOptions();
    }

    /// <summary>The environment run <paramref name="run"/> gets on top of the worker's: its own variables, pinned devices, where to report.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(SweepRun run, IReadOnlyDictionary<string, string> worker)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(worker);
        var env = new Dictionary<string, string>(worker, StringComparer.Ordinal);
        foreach (var (name, value) in run.Environment)
        {
            env[name] = value;
        }

        if (_plan.Options.DevicesFor(run.Index) is { } devices)
        {
            env["CUDA_VISIBLE_DEVICES"] = devices;
        }

        env["SSEARCH_SESSION"] = _session.Key.ToString();
        env["SSEARCH_TRIAL_ID"] = run.Index.ToString(CultureInfo.InvariantCulture);
        env["SSEARCH_RESULT"] = Path.Combine(run.LogsDirectory, "result.json");
        return env;
    }

    /// <inheritdoc />
    public async Task<TrialResult> RunAsync(TrialContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = checked((int)context.Tid);
        if (index < 0 || index >= _plan.Runs.Count)
        {
            return TrialResult.Fail($"{_session.Key} has no run {index}");
        }

        var run = _plan.Runs[index];
        Directory.CreateDirectory(run.LogsDirectory);
        Directory.CreateDirectory(run.CheckpointsDirectory);
        var env = EnvironmentOf(run, context.Environment);
        var resultPath = env["SSEARCH_RESULT"];
        File.Delete(resultPath);
        if (_options.StartGate is { } gate)
        {
            await gate.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        }

        var psi = new ProcessStartInfo(SweepRunnerProcessGroups.Setsid ?? "/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetFullPath(_plan.Options.WorkingDirectory),
        };
        if (SweepRunnerProcessGroups.Setsid is not null)
        {
            psi.ArgumentList.Add("/bin/sh");
        }

        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(_options.Commands is { } commands && commands.TryGetValue(index, out var given) ? given : run.Command);
        foreach (var (name, value) in env)
        {
            psi.Environment[name] = value;
        }

        using var process = Process.Start(psi) ?? throw SessionException.Because("could not start /bin/sh for a sweep run");
        var group = process.Id;
        var registered = SweepRunnerProcessGroups.StartTicks(group) is { } ticks;
        if (registered)
        {
            _session.RegisterProcess(index, group, SweepRunnerProcessGroups.StartTicks(group)!.Value);
        }

        _options.Started?.Invoke(run, group);
        try
        {
            await using var stdoutFile = new FileStream(Path.Combine(run.LogsDirectory, "stdout.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
            await using var stderrFile = new FileStream(Path.Combine(run.LogsDirectory, "stderr.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
            var stdout = Pump(process.StandardOutput.BaseStream, stdoutFile, _options.TeeOutput);
            var stderr = Pump(process.StandardError.BaseStream, stderrFile, _options.TeeError);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await StopAsync(process).ConfigureAwait(false);
                await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
                throw;
            }

            var outTail = await stdout.ConfigureAwait(false);
            var errTail = await stderr.ConfigureAwait(false);
            return Outcome(process.ExitCode, resultPath, outTail, errTail);
        }
        finally
        {
            if (registered)
            {
                _session.UnregisterProcess(index, group);
            }
        }
    }

    private TrialResult Outcome(int exitCode, string resultPath, string outTail, string errTail)
    {
        var extra = new Dictionary<string, object?>(StringComparer.Ordinal) { ["exit_code"] = exitCode };
        if (exitCode != 0)
        {
            var tail = errTail.Length > StderrTailChars ? errTail[^StderrTailChars..] : errTail;
            if (tail.Length > 0)
            {
                extra["stderr_tail"] = tail;
            }

            var lastError = errTail.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
            var error = exitCode > 128 ? $"killed by signal {exitCode - 128}" : $"exit code {exitCode}";
            if (exitCode > 128 && SessionCounts.Read(_session.Store, _session.Key).Status == SessionStatus.Disabled)
            {
                extra["stopped"] = true;
                error = $"stopped by ssearch stop (signal {exitCode - 128})";
            }

            return TrialResult.Fail(error + (lastError is null ? string.Empty : $": {lastError}"), exitCode, extra);
        }

        // A JSON object reported through $SSEARCH_RESULT or as the last stdout line is kept; a run need not report anything.
        var reported = File.Exists(resultPath) ? File.ReadAllText(resultPath).Trim() : null;
        if (string.IsNullOrEmpty(reported))
        {
            reported = outTail.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
            if (reported is null || !reported.StartsWith('{'))
            {
                return TrialResult.Succeeded(extra);
            }
        }

        var parsed = ResultParser.Parse(reported, string.Empty);
        foreach (var (name, value) in parsed.Extra)
        {
            extra.TryAdd(name, value);
        }

        if (parsed.IsOk)
        {
            return TrialResult.Ok(parsed.Loss!.Value, extra);
        }

        return ReportsFailure(reported) ? TrialResult.Fail(parsed.Error ?? "the run reported status fail", 0, extra) : TrialResult.Succeeded(extra);
    }

    /// <summary>Whether a JSON result says <c>"status": "fail"</c> (a result without a loss is fine for a sweep run).</summary>
    private static bool ReportsFailure(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String
                && status.GetString() is "fail" or "failed" or "error";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Copies a child's stream to its log file (and a tee, e.g. a tmux window's terminal) and keeps the last <see cref="TailBytes"/> as text.</summary>
    private static async Task<string> Pump(Stream source, Stream file, Stream? tee)
    {
        var buffer = new byte[8192];
        var tail = new MemoryStream();
        int read;
        while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            await file.FlushAsync().ConfigureAwait(false);
            if (tee is not null)
            {
                await tee.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                await tee.FlushAsync().ConfigureAwait(false);
            }

            tail.Write(buffer, 0, read);
            if (tail.Length > 2 * TailBytes)
            {
                var keep = tail.ToArray()[^TailBytes..];
                tail.SetLength(0);
                tail.Write(keep);
            }
        }

        var bytes = tail.ToArray();
        return Encoding.UTF8.GetString(bytes.Length > TailBytes ? bytes[^TailBytes..] : bytes);
    }

    /// <summary>SIGTERM to the run's whole group first (it may save a checkpoint), SIGKILL after a grace period.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        var grouped = SweepRunnerProcessGroups.Setsid is not null;
        if (grouped)
        {
            SweepRunnerProcessGroups.Signal(process.Id, SweepRunnerProcessGroups.SigTerm);
            using var grace = new CancellationTokenSource(TerminationGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                SweepRunnerProcessGroups.Signal(process.Id, SweepRunnerProcessGroups.SigKill); // stragglers of the group
                return;
            }
            catch (OperationCanceledException)
            {
            }

            SweepRunnerProcessGroups.Signal(process.Id, SweepRunnerProcessGroups.SigKill);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
