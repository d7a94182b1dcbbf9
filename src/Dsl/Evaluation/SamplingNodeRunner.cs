using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Sessions.Workers;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>
/// Runs a sampling node as a sub-session (the original's <c>SamplingNode.launch</c>/<c>collect_results</c>): the session
/// registered at the node's AST path is reused (its interrupted trials re-queued), else a new <c>sampling:</c> (or, for
/// <c>method slurm</c>, <c>slurm:</c>) session is created and registered; then its trials run inline, on local worker
/// processes or on Slurm, and the finished session is measured.
/// </summary>
public sealed class SamplingNodeRunner
{
    /// <summary>Evaluates one point of a node: (sub-session metadata, node, setting, call site) → the trial's result.</summary>
    public delegate Task<TrialResult> PointEvaluator(SubSessionInfo info, SamplingExpression node, object? setting, CallSite site, CancellationToken cancellationToken);

    private readonly ExperimentState _experiment;
    private readonly ExperimentRunnerOptions _options;
    private readonly long _seed;
    private readonly PointEvaluator _evaluatePoint;

    /// <summary>Creates the runner for the experiment's sub-sessions.</summary>
    public SamplingNodeRunner(ExperimentState experiment, ExperimentRunnerOptions options, long seed, PointEvaluator evaluatePoint)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(evaluatePoint);
        _experiment = experiment;
        _options = options;
        _seed = seed;
        _evaluatePoint = evaluatePoint;
    }

    private StateStore Store => _experiment.Store;

    /// <summary>Runs (or resumes, or just reads) the node at <paramref name="path"/> and measures it.</summary>
    public async Task<SamplingOutcome> RunAsync(SamplingExpression node, IReadOnlyDictionary<string, object?> parameters, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(path);
        var settings = SamplingSettings.Resolve(node, parameters);
        var info = new SubSessionInfo(_experiment.Key, node.Position.Line, node.Position.Column, path, parameters, node.Variable,
            SubSessionInfo.StrategyName(node.Strategy), settings.Measure is null ? null : string.Join(':', settings.Measure));
        var session = Open(path) ?? Register(info, settings, path);
        if (session.View().Status != SessionStatus.Complete)
        {
            await LaunchAsync(session, info, node, settings, path, cancellationToken).ConfigureAwait(false);
        }

        var view = session.View();
        if (view.Status != SessionStatus.Complete)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw ExperimentException.Because(view.Status == SessionStatus.Disabled
                ? $"sub-session {session.Key} was stopped{(view.DisabledReason is { } why ? $" ({why})" : string.Empty)}: continue with --resume={_experiment.Key}"
                : $"sub-session {session.Key} did not complete ({view.Completed} of {view.MaxEvals} trials; logs in {Path.Combine(Store.DirectoryOf(session.Key), "logs")})");
        }

        return Collect(Store, session.Key, _seed);
    }

    /// <summary>Measures a finished sub-session from its state alone (nested results are re-read from their own sub-sessions).</summary>
    public static SamplingOutcome Collect(StateStore store, StateKey key, long seed)
    {
        ArgumentNullException.ThrowIfNull(store);
        var state = store.Read(key);
        var info = SubSessionInfo.ReadFrom(state);
        var view = new SearchSession(store, key).View();
        var raw = state is PyDict d && d.TryGetValue("trials", out var t) && t is PyList list ? list : new PyList();
        var ok = view.Trials.Where(trial => trial.Status == TrialStatus.Ok && trial.Loss is not null).ToList();
        var points = ok.Select(trial => new SettingResult(ExperimentParams.ToPy(trial.Parameters), ResultOf(store, raw, trial, seed))).ToList();
        var sign = info?.Maximizing == true ? -1.0 : 1.0;
        var model = new ModelOptimum(view.Space, [.. ok.Select(trial => (trial.Values, sign * trial.Loss!.Value))], seed);
        return new SamplingOutcome(key, points, model);
    }

    private static PyValue ResultOf(StateStore store, PyList raw, TrialView trial, long seed)
    {
        var result = trial.Index < raw.Count && raw[trial.Index] is PyDict doc && doc.TryGetValue("result", out var r) && r is PyDict rd ? rd : null;
        if (result is null || !result.TryGetValue("result", out var value))
        {
            return trial.Loss!.Value;
        }

        // A nested node's measurements: re-measured from its own sub-session, so a worker process's JSON copy (lists for
        // tuples) never leaks into the shapes.
        if (value is PyDict nested && nested.TryGetValue(MeasureNames.SessionName, out var name)
            && StateKey.TryParse(PyPlain.AsString(name), out var inner) && store.Exists(inner))
        {
            return Collect(store, inner, seed).Measurements();
        }

        return value is PyInt i ? (double)i.Value : value;
    }

    private SearchSession? Open(IReadOnlyList<string> path)
    {
        if (_experiment.PartialResult(path) is not PyStr registered || !StateKey.TryParse(registered.Value, out var key) || !Store.Exists(key))
        {
            return null;
        }

        var session = new SearchSession(Store, key, _options.Time);
        var requeued = session.ResetActive();
        Report(path, requeued > 0 ? $"{key} (resumed, {requeued} interrupted trial(s) re-queued)" : $"{key} (resumed)");
        return session;
    }

    private SearchSession Register(SubSessionInfo info, SamplingSettings settings, IReadOnlyList<string> path)
    {
        var type = settings.Method == SamplingMethod.Slurm ? "slurm" : "sampling";
        ObjectiveSpec? objective = null;
        if (settings.Method != SamplingMethod.Inline)
        {
            objective = new ObjectiveSpec(_options.PointCommand ?? throw ExperimentException.Because(
                $"method {settings.Method.ToString().ToLowerInvariant()} needs a command that evaluates points in worker processes (run through run_exp)"), AppendArguments: false);
        }

        var options = new SessionOptions
        {
            Space = settings.Space,
            Algo = settings.Algo,
            MaxEvals = settings.Count,
            Seed = PathSeed(path),
            Objective = objective,
            Lease = _options.Lease,
        };
        var random = new Random(unchecked((int)PathSeed(path)));
        while (true)
        {
            var key = StateKey.Of(type, RandomPhrase.Unused(random, name => Store.Exists(StateKey.Of(type, name))));
            SearchSession session;
            try
            {
                session = SearchSession.Create(Store, key, options, _options.Time);
            }
            catch (StateExistsException)
            {
                continue;
            }

            info.WriteTo(Store, key, settings.SpaceValue);
            _experiment.SetPartialResult(path, key.ToString());
            Report(path, key.ToString());
            return session;
        }
    }

    private async Task LaunchAsync(SearchSession session, SubSessionInfo info, SamplingExpression node, SamplingSettings settings, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        var progress = new TrialProgress(this, path);
        switch (settings.Method)
        {
            case SamplingMethod.Inline:
                var objective = new DelegateObjective((context, token) =>
                    _evaluatePoint(info, node, context.Parameters, new CallSite(context.Session, context.Tid, context.Worker, context.LogDirectory), token));
                var worker = new SessionWorker(session, objective, new WorkerOptions { WorkerId = _options.WorkerId, PollInterval = _options.PollInterval }, _options.Time, progress);
                await worker.RunAsync(cancellationToken).ConfigureAwait(false);
                break;
            case SamplingMethod.Cpu:
            case SamplingMethod.Slurm:
                var executor = settings.Method == SamplingMethod.Cpu
                    ? new LocalProcessExecutor(_options.Time)
                    : _options.SlurmExecutor?.Invoke() ?? throw ExperimentException.Because("method slurm is not available here (no Slurm executor)");
                if (_options.WorkerCommand.Count == 0)
                {
                    throw ExperimentException.Because($"method {executor.Name} needs the command that starts ssearch workers (run through run_exp)");
                }

                Report(path, string.Create(CultureInfo.InvariantCulture, $"{session.Key}: {settings.Threads} {executor.Name} worker(s)"));
                var request = new ExecutionRequest
                {
                    Session = session,
                    Objective = new CommandObjective(new ObjectiveSpec(_options.PointCommand!, AppendArguments: false)),
                    Workers = settings.Threads,
                    WorkerCommand = _options.WorkerCommand,
                    Progress = progress,
                };
                await executor.RunAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Method, "unknown method");
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Seed of the sub-session at a path: the experiment's seed mixed with the path, so a rerun draws the same points.</summary>
    private long PathSeed(IReadOnlyList<string> path)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(_seed.ToString(CultureInfo.InvariantCulture) + "\n" + string.Join("\n", path)));
        return BitConverter.ToInt64(bytes, 0) & 0x7FFFFFFF;
    }

    private void Report(IReadOnlyList<string> path, string message) => _options.Progress?.Report(new ExperimentEvent(string.Join('.', path), message));

    private sealed class TrialProgress(SamplingNodeRunner runner, IReadOnlyList<string> path) : IProgress<TrialEvent>
    {
        public void Report(TrialEvent value)
        {
            if (value.Started || value.Result is not { } result)
            {
                return;
            }

            runner.Report(path, result.IsOk
                ? string.Create(CultureInfo.InvariantCulture, $"trial {value.Tid}: loss {result.Loss:G6}")
                : $"trial {value.Tid}: failed: {result.Error}");
        }
    }
}
