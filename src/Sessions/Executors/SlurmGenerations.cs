using System.Globalization;
using SlurmSearch.Sessions.Slurm;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions.Executors;

/// <summary>
/// A session's Slurm generations: writes and submits one array job per generation and records it under the session's
/// <c>ssearch.slurm</c> entry, so that a worker told of its time limit can submit the next generation exactly once.
/// </summary>
/// <remarks>
/// Time-limit strategy: every array task runs with <c>--signal=B:USR1@margin</c>. On USR1 a worker hands its running
/// trial back (it becomes resumable) and calls <see cref="SubmitNext"/>. That runs sbatch inside a transaction on the
/// session which checks that the worker's job is still the newest recorded generation and then records the new one;
/// the first worker of generation k to get there submits generation k+1 and every later one finds k+1 recorded and does
/// nothing. Nothing is submitted when the session is disabled or complete, or when the generation cap is reached.
/// Trials of tasks that vanished without a signal (node failure, SIGKILL) come back through the claims' leases.
/// Everything needed to rebuild the script is stored with the session, so a worker on a compute node needs nothing else.
/// </remarks>
public sealed class SlurmGenerations
{
    /// <summary>The name of the session entry (<see cref="SearchSession.SetExtra"/>) holding the Slurm record.</summary>
    public const string ExtraName = "slurm";

    private readonly SearchSession _session;
    private readonly SlurmClient _client;

    /// <summary>Creates the generations of <paramref name="session"/>, submitted through <paramref name="client"/>.</summary>
    public SlurmGenerations(SearchSession session, SlurmClient client)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(client);
        _session = session;
        _client = client;
    }

    /// <summary>The array job ids recorded for a session, one per generation, oldest first (empty when it never ran on Slurm).</summary>
    public static IReadOnlyList<string> JobIds(SessionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Extra.TryGetValue(ExtraName, out var raw) && raw is Dictionary<string, object?> record ? Jobs(record) : [];
    }

    /// <summary>The array job ids recorded for the session under <paramref name="key"/>, read without decoding its trials (for listings).</summary>
    public static IReadOnlyList<string> JobIds(StateStore store, StateKey key)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Inspect(key, JobIds);
    }

    /// <summary>The array job ids recorded in a session state (not copied, not changed).</summary>
    public static IReadOnlyList<string> JobIds(PyValue state)
    {
        var ours = state is PyDict dict ? SessionFields.OursOrNull(dict) : null;
        return ours is not null && ours.TryGetValue(ExtraName, out var raw) && PyPlain.FromPy(raw) is Dictionary<string, object?> record
            ? Jobs(record)
            : [];
    }

    /// <summary>
    /// Stops the tasks of <paramref name="jobIds"/> so that running trials are handed back rather than failed: SIGTERM to
    /// the batch shells of running tasks (forwarded to the worker only, which hands its trial back, ends its objective and
    /// exits) and a plain scancel of pending ones; tasks still in the queue after <paramref name="grace"/> are scancelled.
    /// </summary>
    /// <remarks>
    /// A plain scancel of a running task signals every process of the job at once, and an objective killed before its
    /// worker noticed would be recorded as a failure. The grace bounds the wait for a worker that does not exit (an
    /// objective whose children outlive it keep its output open): Slurm's scancel then ends everything.
    /// </remarks>
    /// <returns>The tasks signalled or cancelled (<c>12_3</c> ids); empty when none was active.</returns>
    public static IReadOnlyList<string> Stop(SlurmClient client, IEnumerable<string> jobIds, TimeSpan? grace = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ids = jobIds.ToList();
        var tasks = client.Queue(ids).Tasks;
        var pending = tasks.Where(t => t.State == SlurmJobState.Pending).Select(t => t.DisplayId).ToList();
        var running = tasks.Where(t => t.State != SlurmJobState.Pending).Select(t => t.DisplayId).ToList();
        client.Cancel(pending);
        if (running.Count > 0)
        {
            client.Signal(running, "TERM", batchShellOnly: true);
            var clock = time ?? TimeProvider.System;
            var started = clock.GetTimestamp();
            var left = client.Queue(running).Tasks;
            while (left.Count > 0 && clock.GetElapsedTime(started) < (grace ?? TimeSpan.FromSeconds(10)))
            {
                Task.Delay(TimeSpan.FromMilliseconds(500), clock).GetAwaiter().GetResult();
                left = client.Queue(running).Tasks;
            }

            client.Cancel([.. left.Select(t => t.DisplayId)]);
        }

        return [.. running, .. pending];
    }

    /// <summary>Builds generation <paramref name="generation"/>'s script and sbatch command without writing or running anything (<c>--dry-run</c>).</summary>
    public SlurmSubmission Plan(SlurmExecutorOptions options, IReadOnlyList<string> workerCommand, int workers, int generation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workerCommand);
        if (workerCommand.Count == 0)
        {
            throw SessionException.Because("the slurm executor needs the command that starts ssearch workers");
        }

        var directory = Path.GetFullPath(_session.Store.DirectoryOf(_session.Key));
        var k = generation.ToString(CultureInfo.InvariantCulture);
        var script = SbatchScript.Create(new SbatchOptions
        {
            JobName = _session.Key.Name,

            // No --worker-id: work_on names a worker under Slurm host:slurm<array job>_<task>:<pid> from SLURM_ARRAY_*.
            Command = [.. Absolute(workerCommand), "work_on", _session.Key.ToString()],
            ArraySize = workers,
            ArrayThrottle = options.ArrayThrottle,
            Output = Path.Combine(directory, "logs", $"worker_{k}_%a.out"),
            Error = Path.Combine(directory, "logs", $"worker_{k}_%a.err"),
            WorkingDirectory = directory,
            Resources = options.Resources,
            SignalBeforeTimeLimit = options.SignalMargin,
            EnvironmentVariables = options.EnvironmentVariables,
            CondaEnv = options.CondaEnv,
        });
        var path = Path.Combine(directory, "slurm", $"gen_{k}.sbatch");
        return new SlurmSubmission(generation, path, script, new SlurmCommand("sbatch", ["--parsable", path]), null);
    }

    /// <summary>Submits the next generation of a run started here (generation 0 for a new session) and records it with the settings workers need to resubmit.</summary>
    /// <exception cref="SlurmSubmitException">sbatch rejected the job; nothing was recorded.</exception>
    /// <exception cref="SlurmUnavailableException">sbatch is not installed; nothing was recorded.</exception>
    public SlurmSubmission SubmitFirst(SlurmExecutorOptions options, IReadOnlyList<string> workerCommand, int workers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workerCommand);
        return _session.Store.Transact(_session.Key, tx =>
        {
            var previous = Record(tx);
            var jobs = previous is null ? [] : Jobs(previous);
            var submission = Submit(Plan(options, workerCommand, workers, jobs.Count));
            var record = new Dictionary<string, object?>
            {
                ["jobs"] = jobs.Append(submission.JobId).ToList<object?>(),
                ["generations"] = (long)jobs.Count + 1,
                ["first_generation_of_run"] = (long)jobs.Count,
                ["max_generations"] = (long)(options.MaxGenerations ?? SlurmExecutorOptions.DefaultMaxGenerations),
                ["workers"] = (long)workers,
                ["throttle"] = options.ArrayThrottle is { } t ? (long)t : null,
                ["signal_margin"] = options.SignalMargin.TotalSeconds,
                ["worker_command"] = Absolute(workerCommand).ToList<object?>(),
                ["resources"] = ResourcesToPlain(options.Resources),
                ["env"] = options.EnvironmentVariables.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList(),
                ["conda_env"] = options.CondaEnv,
            };
            tx.Set([SessionFields.Ours, ExtraName], PyPlain.ToPy(record));
            return submission;
        });
    }

    /// <summary>
    /// Called by a worker of array job <paramref name="jobId"/> that stopped at its pre-timeout signal: submits the next
    /// generation unless another worker already did, the session is disabled or complete, or the cap is reached.
    /// </summary>
    /// <returns>The new generation, or null when nothing was submitted.</returns>
    /// <exception cref="SlurmSubmitException">sbatch rejected the job; nothing was recorded, so another worker may try again.</exception>
    public SlurmSubmission? SubmitNext(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var view = _session.View();
        if (view.Status != SessionStatus.Active || (view.MaxEvals > 0 && view.Completed >= view.MaxEvals))
        {
            return null;
        }

        return _session.Store.Transact(_session.Key, tx =>
        {
            var record = Record(tx);
            if (record is null || SessionFields.Text(tx.Dict, SessionFields.Status, SessionStatus.Active) != SessionStatus.Active)
            {
                return null;
            }

            var jobs = Jobs(record);
            var cap = record.TryGetValue("max_generations", out var m) && m is long max ? max : SlurmExecutorOptions.DefaultMaxGenerations;
            if (jobs.Count == 0 || jobs[^1] != jobId || jobs.Count >= cap)
            {
                return null;
            }

            var options = OptionsOf(record);
            var command = record.TryGetValue("worker_command", out var w) && w is List<object?> words ? words.Select(x => x?.ToString() ?? string.Empty).ToList() : [];
            var workers = record.TryGetValue("workers", out var n) && n is long count ? (int)count : 1;
            var submission = Submit(Plan(options, command, workers, jobs.Count));
            record["jobs"] = jobs.Append(submission.JobId).ToList<object?>();
            record["generations"] = (long)jobs.Count + 1;
            tx.Set([SessionFields.Ours, ExtraName], PyPlain.ToPy(record));
            return submission;
        });
    }

    private SlurmSubmission Submit(SlurmSubmission plan)
    {
        plan.Script.WriteTo(plan.ScriptPath);
        var id = _client.Submit(plan.ScriptPath);
        return plan with { JobId = id };
    }

    private static Dictionary<string, object?>? Record(StateTransaction tx)
    {
        var ours = SessionFields.OursOrNull(tx.Dict);
        return ours is not null && ours.TryGetValue(ExtraName, out var raw) ? PyPlain.FromPy(raw) as Dictionary<string, object?> : null;
    }

    private static List<string> Jobs(Dictionary<string, object?> record) =>
        record.TryGetValue("jobs", out var j) && j is List<object?> jobs ? [.. jobs.OfType<string>()] : [];

    private static SlurmExecutorOptions OptionsOf(Dictionary<string, object?> record) => new()
    {
        Resources = record.TryGetValue("resources", out var r) && r is Dictionary<string, object?> resources ? ResourcesFromPlain(resources) : SlurmResources.None,
        SignalMargin = record.TryGetValue("signal_margin", out var s) && s is double margin ? TimeSpan.FromSeconds(margin) : SlurmExecutorOptions.DefaultSignalMargin,
        ArrayThrottle = record.TryGetValue("throttle", out var t) && t is long throttle ? (int)throttle : null,
        CondaEnv = record.TryGetValue("conda_env", out var c) ? c as string : null,
        EnvironmentVariables = record.TryGetValue("env", out var e) && e is List<object?> env
            ? [.. env.OfType<List<object?>>().Where(p => p.Count == 2).Select(p => new KeyValuePair<string, string>(p[0]?.ToString() ?? string.Empty, p[1]?.ToString() ?? string.Empty))]
            : [],
    };

    /// <summary>The resources as plain data (stored with the session; also what <c>show</c> displays).</summary>
    public static Dictionary<string, object?> ResourcesToPlain(SlurmResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return new Dictionary<string, object?>
        {
            ["partition"] = resources.Partition,
            ["account"] = resources.Account,
            ["qos"] = resources.Qos,
            ["time"] = resources.Time,
            ["nodes"] = resources.Nodes is { } nodes ? (long)nodes : null,
            ["cpus_per_task"] = resources.CpusPerTask is { } cpus ? (long)cpus : null,
            ["mem"] = resources.Mem,
            ["gres"] = resources.Gres,
            ["constraint"] = resources.Constraint,
            ["comment"] = resources.Comment,
            ["exclude"] = resources.Exclude.ToList<object?>(),
            ["extra"] = resources.Extra.ToList<object?>(),
            ["setup"] = resources.Setup.ToList<object?>(),
        };
    }

    /// <summary>Reads what <see cref="ResourcesToPlain"/> wrote; missing entries are unset.</summary>
    public static SlurmResources ResourcesFromPlain(IReadOnlyDictionary<string, object?> plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        string? Text(string name) => plain.TryGetValue(name, out var v) ? v as string : null;
        int? Int(string name) => plain.TryGetValue(name, out var v) && v is long l ? (int)l : null;
        IReadOnlyList<string> Texts(string name) => plain.TryGetValue(name, out var v) && v is List<object?> items ? [.. items.OfType<string>()] : [];
        return new SlurmResources
        {
            Partition = Text("partition"),
            Account = Text("account"),
            Qos = Text("qos"),
            Time = Text("time"),
            Nodes = Int("nodes"),
            CpusPerTask = Int("cpus_per_task"),
            Mem = Text("mem"),
            Gres = Text("gres"),
            Constraint = Text("constraint"),
            Comment = Text("comment"),
            Exclude = Texts("exclude"),
            Extra = Texts("extra"),
            Setup = Texts("setup"),
        };
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
