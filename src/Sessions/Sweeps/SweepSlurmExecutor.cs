using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// A sweep's queued runs as ONE Slurm array job: <c>sbatch --array=0-(k−1)</c>, whose task <c>t</c> runs line <c>t</c> of
/// a per-task command table written next to the batch script (<c>slurm/tasks_&lt;g&gt;.jsonl</c>: run index, name,
/// directory and the exact command). The script looks its line up by <c>SLURM_ARRAY_TASK_ID</c> and hands it to
/// <c>ssearch sweep_task</c>, which claims that run, runs the command and records the outcome in the session. A first
/// launch submits every run (task t = run t); a restart submits only the failed or unfinished ones.
/// </summary>
/// <remarks>
/// Sample Factory's <c>--slurm_timeout</c>: tasks are submitted with <c>--requeue</c>; a run still going at the timeout is
/// stopped, queued again, and its task requeued (<c>scontrol requeue</c>), so it resumes from its checkpoints in a new
/// allocation. A container image becomes pyxis flags on an <c>srun</c> that runs the command inside it.
/// </remarks>
public sealed class SweepSlurmExecutor
{
    // The table is for people too: keep quotes and non-ASCII readable (it is never embedded in HTML).
    private static readonly JsonSerializerOptions TableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SlurmClient _client;

    /// <summary>Creates the executor; <paramref name="client"/> decides where commands go (the real tools, a dry run, a recording).</summary>
    public SweepSlurmExecutor(SlurmClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>The command the array task of run <paramref name="run"/> executes: the run's command, inside <c>srun --container-image … --container-mounts …</c> when a container is given (<see cref="SweepContainer.SrunLine"/>).</summary>
    public static string TaskCommand(SweepRun run, SweepLaunchOptions options) => SweepContainer.SrunLine(options, run);

    /// <summary>
    /// The batch script, command table and sbatch command that would launch <paramref name="runs"/> (default: all) of
    /// <paramref name="plan"/> as the sweep <paramref name="key"/> stored under <paramref name="sweepDirectory"/>; nothing is
    /// written or run (what <c>--dry-run</c> prints).
    /// </summary>
    /// <exception cref="SbatchScriptException">The resources, template or commands make an invalid script.</exception>
    public static SweepSlurmExecutorSubmission Plan(StateKey key, string sweepDirectory, SweepPlan plan, IReadOnlyList<string> workerCommand, IReadOnlyList<int>? runs = null, int generation = 0)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(workerCommand);
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepDirectory);
        if (workerCommand.Count == 0)
        {
            throw SessionException.Because("the Slurm backend needs the command that starts ssearch on the compute nodes");
        }

        var indices = runs ?? [.. plan.Runs.Select(r => r.Index)];
        if (indices.Count == 0)
        {
            throw SessionException.Because($"{key}: no run to submit");
        }

        var directory = Path.GetFullPath(sweepDirectory);
        var g = generation.ToString(CultureInfo.InvariantCulture);
        var tablePath = Path.Combine(directory, "slurm", $"tasks_{g}.jsonl");
        var table = new StringBuilder();
        for (var t = 0; t < indices.Count; t++)
        {
            var run = plan.Runs[indices[t]];
            table.Append(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["task"] = t,
                ["run"] = run.Index,
                ["name"] = run.Name,
                ["directory"] = run.Directory,
                ["command"] = TaskCommand(run, plan.Options),
            }, TableJson)).Append('\n');
        }

        var resources = plan.Options.Slurm with
        {
            Nodes = plan.Options.Nodes ?? plan.Options.Slurm.Nodes,
            Setup =
            [
                .. plan.Options.Slurm.Setup,
                "# Task $SLURM_ARRAY_TASK_ID runs line $SLURM_ARRAY_TASK_ID + 1 of the sweep's command table.",
                $"SSEARCH_SWEEP_TASK=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" {ShellQuote.Quote(tablePath)})",
                "export SSEARCH_SWEEP_TASK",
                "test -n \"$SSEARCH_SWEEP_TASK\"",
            ],
        };
        var script = SbatchScript.Create(new SbatchOptions
        {
            JobName = plan.BaseName.Length > 0 ? plan.BaseName : key.Name,
            Command = [.. Absolute(workerCommand), "sweep_task", key.ToString()],
            ArraySize = indices.Count,
            Output = Path.Combine(directory, "logs", $"slurm_{g}_%a.out"),
            Error = Path.Combine(directory, "logs", $"slurm_{g}_%a.err"),
            WorkingDirectory = Path.GetFullPath(plan.Options.WorkingDirectory),
            Resources = resources,
            Requeue = plan.Options.SlurmTimeout is not null,
            Template = plan.Options.SbatchTemplate is { } template ? File.ReadAllText(Path.Combine(Path.GetFullPath(plan.Options.WorkingDirectory), template)) : null,
        });
        var scriptPath = Path.Combine(directory, "slurm", $"sweep_{g}.sbatch");
        return new SweepSlurmExecutorSubmission(scriptPath, script, tablePath, table.ToString(), new SlurmCommand("sbatch", ["--parsable", scriptPath]), indices, null);
    }

    /// <summary>Submits every queued run of <paramref name="session"/> as one array job and records it; with <see cref="SweepRunnerRequest.Wait"/> waits until the job leaves the queue.</summary>
    /// <exception cref="SlurmSubmitException">sbatch rejected the job; nothing was recorded.</exception>
    public async Task<SweepRunnerReport> RunAsync(SweepSession session, SweepRunnerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = Stopwatch.StartNew();
        var plan = session.Plan();
        var queued = session.Runs().Where(r => r.Status == SweepSessionRunStatus.Pending).Select(r => r.Run.Index).ToList();
        if (queued.Count == 0)
        {
            return new SweepRunnerReport(SweepBackend.Slurm, [], session.Runs(), null, [], stopwatch.Elapsed);
        }

        var submission = Plan(session.Key, session.Directory, plan, request.WorkerCommand, queued, session.SlurmJobs().Count);
        Directory.CreateDirectory(Path.GetDirectoryName(submission.TablePath)!);
        File.WriteAllText(submission.TablePath, submission.Table, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        submission.Script.WriteTo(submission.ScriptPath);
        var job = _client.Submit(submission.ScriptPath);
        session.RecordSlurmJob(job, queued, submission.ScriptPath, submission.TablePath);
        if (request.Wait)
        {
            try
            {
                while (!_client.Queue([job]).IsIdle)
                {
                    await Task.Delay(request.PollInterval, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                SlurmGenerations.Stop(_client, [job]);
            }
        }

        return new SweepRunnerReport(SweepBackend.Slurm, queued, session.Runs(), job, [], stopwatch.Elapsed);
    }

    /// <summary>Compute nodes get the worker command with its program as an absolute path (found on PATH here when given bare).</summary>
    private static List<string> Absolute(IReadOnlyList<string> command)
    {
        var program = command[0];
        if (!Path.IsPathRooted(program))
        {
            program = program.Contains('/', StringComparison.Ordinal)
                ? Path.GetFullPath(program)
                : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
                    .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists) ?? program;
        }

        return [program, .. command.Skip(1)];
    }
}
