using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Cli.Commands;

/// <summary>
/// <c>ssearch sweep_task SWEEP [--run I] [--tee]</c>: runs one run of a sweep and records its outcome — what a Slurm array
/// task (its line of the command table, from <c>$SSEARCH_SWEEP_TASK</c>) and a tmux window execute.
/// </summary>
public static class SweepTaskCommand
{
    /// <summary>The variable the sweep's batch script sets to the task's line of the command table.</summary>
    public const string TaskVariable = "SSEARCH_SWEEP_TASK";

    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SWEEP") { Description = "The sweep (sweep:NAME)" };
        var run = new Option<int?>("--run") { Description = $"The run to execute (default: the run of ${TaskVariable}, the command-table line of a Slurm array task)", HelpName = "I" };
        var tee = new Option<bool>("--tee") { Description = "Also print the run's output here (it always goes to the run's logs/)" };
        var command = new Command("sweep_task", "Run one run of a sweep and record its outcome (what Slurm array tasks and tmux windows execute)") { session, run, tee };
        command.SetAction(parse =>
        {
            var key = SessionSupport.Key(parse.GetValue(session)!);
            if (!SweepSupport.IsSweep(key))
            {
                throw new UsageException($"{key} is not a sweep (sweep:NAME)");
            }

            using var store = context.OpenStore();
            if (!store.Exists(key))
            {
                throw SlurmSearch.Store.StateNotFoundException.For(key);
            }

            var (index, commandLine) = Task(context, parse.GetValue(run));
            var sweep = new SweepSession(store, key);
            var job = context.Environment.GetVariable("SLURM_ARRAY_JOB_ID");
            var arrayTask = context.Environment.GetVariable("SLURM_ARRAY_TASK_ID");
            var worker = job is not null && arrayTask is not null
                ? $"{Environment.MachineName}:slurm{job}_{arrayTask}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}"
                : $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
            var timeout = job is not null ? sweep.Plan().Options.SlurmTimeout : null;
            using var output = parse.GetValue(tee) ? new WriterStream(context.Output) : null;
            var options = new SweepRunnerProcessOptions
            {
                TeeOutput = output,
                TeeError = output,
                Commands = commandLine is null ? null : new Dictionary<int, string> { [index] = commandLine },
            };
            var outcome = SessionSupport.RunUntilStopped(token => new SweepRunnerTask(sweep).RunAsync(index, worker, options, null, timeout, token));
            switch (outcome.Status)
            {
                case SweepRunnerTaskStatus.Finished when outcome.Result is { IsOk: true }:
                    context.Output.WriteLine($"run {index} of {key}: succeeded");
                    return 0;
                case SweepRunnerTaskStatus.Finished:
                    throw SessionException.Because($"run {index} of {key} failed: {outcome.Result?.Error}");
                case SweepRunnerTaskStatus.TimedOut when job is not null && arrayTask is not null:
                    context.Output.WriteLine($"{outcome.Message}; requeueing task {job}_{arrayTask} (--slurm-timeout)");
                    new SlurmClient(new ProcessSlurmCommandRunner()).Requeue($"{job}_{arrayTask}");
                    return 0;
                default:
                    context.Output.WriteLine($"run {index} of {key}: {outcome.Message}");
                    return 0;
            }
        });
        return command;
    }

    /// <summary>The run index and the command-table line's command, from <c>--run</c> or <c>$SSEARCH_SWEEP_TASK</c>.</summary>
    private static (int Index, string? Command) Task(CliContext context, int? run)
    {
        if (run is { } given)
        {
            return (given, null);
        }

        var line = context.Environment.GetVariable(TaskVariable);
        if (string.IsNullOrWhiteSpace(line))
        {
            throw new UsageException($"give --run I, or run inside a sweep's Slurm array task (${TaskVariable} is not set)");
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return (root.GetProperty("run").GetInt32(), root.GetProperty("command").GetString());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UsageException($"${TaskVariable} is not a line of a sweep's command table: {e.Message}");
        }
    }

    /// <summary>A byte stream onto the command's output writer (a run's output shown in its tmux window).</summary>
    private sealed class WriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
            lock (writer)
            {
                writer.Flush();
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (writer)
            {
                var chars = new char[_decoder.GetCharCount(buffer, offset, count)];
                var n = _decoder.GetChars(buffer, offset, count, chars, 0);
                writer.Write(chars, 0, n);
            }
        }
    }
}
