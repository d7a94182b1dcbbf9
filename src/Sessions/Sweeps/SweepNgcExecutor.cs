using System.Diagnostics;
using SlurmSearch.Sessions.Objectives;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// Sample Factory's NGC backend: an <c>ngc batch run …</c> command per queued run from <c>--ngc-job-template</c>
/// (<see cref="NgcCommand"/>). By default they are only returned for printing; with <c>--ngc-print-only=false</c> each is
/// run with the <c>ngc</c> on PATH, and the run is recorded as submitted (ok) or failed with ngc's exit code and error —
/// the job itself then lives in NGC, outside the session.
/// </summary>
public sealed class SweepNgcExecutor
{
    /// <summary>The NGC command of every queued run of <paramref name="session"/>, in order.</summary>
    public static IReadOnlyList<(SweepRun Run, string Command)> Commands(SweepSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var plan = session.Plan();
        var template = plan.Options.NgcJobTemplate is { } path
            ? File.ReadAllText(Path.Combine(Path.GetFullPath(plan.Options.WorkingDirectory), path))
            : throw SessionException.Because("the NGC backend needs --ngc-job-template FILE");
        return [.. session.Runs().Where(r => r.Status == SweepSessionRunStatus.Pending).Select(r => (r.Run, NgcCommand.Render(template, r.Run)))];
    }

    /// <summary>Returns the commands (print only) or submits them one by one with <c>ngc</c>.</summary>
    public async Task<SweepRunnerReport> RunAsync(SweepSession session, SweepRunnerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var plan = session.Plan();
        var commands = Commands(session);
        if (plan.Options.NgcPrintOnly)
        {
            return new SweepRunnerReport(SweepBackend.Ngc, [], session.Runs(), null, [.. commands.Select(c => c.Command)], stopwatch.Elapsed);
        }

        var program = FindOnPath(request.NgcProgram)
            ?? throw SessionException.Because($"'{request.NgcProgram}' is not on PATH: install the NGC CLI, or leave --ngc-print-only at true to print the commands");
        var worker = $"{Environment.MachineName}:ngc{Environment.ProcessId}";
        foreach (var (run, command) in commands)
        {
            var (claim, _) = session.ClaimRun(run.Index, worker);
            if (claim is null)
            {
                continue;
            }

            var result = await SubmitAsync(program, command, plan.Options.WorkingDirectory, cancellationToken).ConfigureAwait(false);
            session.Session.Record(run.Index, worker, result, TimeSpan.Zero);
        }

        return new SweepRunnerReport(SweepBackend.Ngc, [.. commands.Select(c => c.Run.Index)], session.Runs(), null, [.. commands.Select(c => c.Command)], stopwatch.Elapsed);
    }

    /// <summary>Runs one <c>ngc batch run …</c> line (a shell command: the template may quote) with <paramref name="program"/> first on PATH.</summary>
    private static async Task<TrialResult> SubmitAsync(string program, string command, string workingDirectory, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetFullPath(workingDirectory),
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        psi.Environment["PATH"] = Path.GetDirectoryName(program) + ":" + (Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
        using var process = Process.Start(psi) ?? throw SessionException.Because("could not start /bin/sh for ngc");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = (await stdout.ConfigureAwait(false)).Trim();
        var error = (await stderr.ConfigureAwait(false)).Trim();
        var extra = new Dictionary<string, object?> { ["exit_code"] = process.ExitCode, ["ngc_output"] = output };
        return process.ExitCode == 0
            ? TrialResult.Succeeded(extra)
            : TrialResult.Fail($"ngc exit code {process.ExitCode}: {error.Split('\n').LastOrDefault()}", process.ExitCode, extra);
    }

    private static string? FindOnPath(string program) =>
        program.Contains('/', StringComparison.Ordinal)
            ? (File.Exists(program) ? Path.GetFullPath(program) : null)
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
