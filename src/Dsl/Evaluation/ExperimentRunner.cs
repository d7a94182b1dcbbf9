using System.Globalization;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>
/// The original's <c>run_experiment</c>: creates (or resumes) the <c>exp:</c> state, evaluates the results block, stores
/// the results. Cancellation leaves the experiment resumable (status <c>interrupted</c>; sub-sessions keep their finished
/// trials and get their interrupted ones back). Also the worker side: evaluating one point of a sub-session in a process of its own.
/// </summary>
public sealed class ExperimentRunner
{
    private readonly StateStore _store;
    private readonly ExperimentRunnerOptions _options;

    /// <summary>Creates a runner over <paramref name="store"/>.</summary>
    public ExperimentRunner(StateStore store, ExperimentRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
    }

    /// <summary>
    /// What a run of <paramref name="definition"/> records: the config, the overrides (with <c>--debug=true</c> the debug
    /// overrides applied over the command line's, as the original did) and the parameters they give.
    /// </summary>
    public static ExperimentRecord Prepare(ExperimentDefinition definition, string source, string file, IReadOnlyDictionary<string, object?> overrides, bool debug, long seed)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(overrides);
        var config = ConfigPlain.Tree(definition.Config);
        var applied = debug ? ExperimentParams.Updated(overrides, ConfigPlain.Tree(definition.DebugOverrides)) : new Dictionary<string, object?>(overrides, StringComparer.Ordinal);
        return new ExperimentRecord(definition.Name, config, applied, ExperimentParams.Updated(config, applied), source, file, debug, seed);
    }

    /// <summary>Creates the <c>exp:</c> state of a new run.</summary>
    public ExperimentState Create(ExperimentRecord record, Random random)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ExperimentState.Create(_store, record, _options.Time, random);
    }

    /// <summary>
    /// Opens <paramref name="key"/> to resume it with <paramref name="record"/>'s parameters; refuses, naming the command line
    /// that resumes it, when they differ from the ones it was started with. The stored source becomes the current one.
    /// </summary>
    public ExperimentState OpenForResume(StateKey key, ExperimentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_store.Exists(key))
        {
            throw StateNotFoundException.For(key);
        }

        var experiment = new ExperimentState(_store, key);
        var stored = experiment.Record();
        if (stored.Name != record.Name)
        {
            throw ExperimentException.Because($"{key} is a run of experiment {stored.Name}, not {record.Name}: run_exp {stored.Name} --resume={key}");
        }

        if (!ExperimentParams.Equal(stored.Params, record.Params))
        {
            var theirs = ExperimentParams.Flattened(stored.Params);
            var ours = ExperimentParams.Flattened(record.Params);
            var differences = theirs.Keys.Union(ours.Keys)
                .Where(k => !theirs.TryGetValue(k, out var a) || !ours.TryGetValue(k, out var b) || !ExperimentParams.Equal(new Dictionary<string, object?> { [k] = a }, new Dictionary<string, object?> { [k] = b }))
                .ToList();
            var arguments = ExperimentParams.ToArguments(stored.OverrideParams).Select(CommandObjective.ShellQuote);
            var commandLine = string.Join(' ', new[] { "run_exp", stored.Name }.Concat(arguments).Append($"--resume={key}"));
            throw ParameterMismatchException.For(key.ToString(), differences, commandLine);
        }

        _store.Transact(key, tx => tx.Set(["ssearch", "source"], record.Source));
        return experiment;
    }

    /// <summary>Evaluates the experiment's results and stores them (status complete); on cancellation the status becomes interrupted.</summary>
    public async Task<PyDict> RunAsync(ExperimentState experiment, ExperimentDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(definition);
        var record = experiment.Record();
        experiment.SetStatus(ExperimentStatus.Active);
        var evaluator = new ExperimentEvaluator(experiment, definition, _options, record.Seed);
        try
        {
            var results = await evaluator.EvaluateResultsAsync(record.Params, cancellationToken).ConfigureAwait(false);
            experiment.Complete(results);
            return results;
        }
        catch (OperationCanceledException)
        {
            experiment.SetStatus(ExperimentStatus.Interrupted);
            throw;
        }
        catch (SearchException)
        {
            // A run_exp --stop from elsewhere is why sub-sessions stop: the experiment stays "disabled", not "failed".
            if (experiment.Status() != ExperimentStatus.Disabled)
            {
                experiment.SetStatus(ExperimentStatus.Failed);
            }

            throw;
        }
    }

    /// <summary>
    /// The worker side of <c>cpu</c>/<c>slurm</c> nodes: evaluates trial <paramref name="tid"/> of sub-session
    /// <paramref name="session"/> — the node found in the experiment's stored source by its position, the parameters stored
    /// with the sub-session, the trial's setting — with objective calls logged under <paramref name="logDirectory"/>.
    /// </summary>
    public async Task<TrialResult> EvaluateTrialAsync(StateKey session, long tid, string worker, string logDirectory, Func<ExperimentRecord, ExperimentDefinition> parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (!_store.Exists(session))
        {
            throw StateNotFoundException.For(session);
        }

        var info = SubSessionInfo.ReadFrom(_store.Read(session))
            ?? throw ExperimentException.Because($"{session} is not a sampling node of an experiment");
        var experiment = new ExperimentState(_store, info.Experiment);
        var record = experiment.Record();
        var definition = parse(record);
        var node = SyntaxSearch.Sampling(definition, info.Line, info.Column);
        var trial = new SearchSession(_store, session).View().Trials.FirstOrDefault(t => t.Tid == tid)
            ?? throw ExperimentException.Because(string.Create(CultureInfo.InvariantCulture, $"{session} has no trial {tid}"));
        var evaluator = new ExperimentEvaluator(experiment, definition, _options with { WorkerId = worker }, record.Seed);
        return await evaluator.EvaluatePointAsync(info, node, trial.Parameters, new CallSite(session.ToString(), tid, worker, logDirectory), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops an experiment: its status becomes disabled and every sub-session is disabled; returns the sub-sessions.</summary>
    public IReadOnlyList<StateKey> Stop(StateKey key)
    {
        if (!_store.Exists(key))
        {
            throw StateNotFoundException.For(key);
        }

        var experiment = new ExperimentState(_store, key);
        if (experiment.Status() != ExperimentStatus.Complete)
        {
            experiment.SetStatus(ExperimentStatus.Disabled);
        }

        var subSessions = experiment.SubSessions();
        foreach (var sub in subSessions.Where(_store.Exists))
        {
            var session = new SearchSession(_store, sub, _options.Time);
            if (session.View().Status == SessionStatus.Active)
            {
                session.SetStatus(SessionStatus.Disabled, $"stopped with experiment {key}");
            }
        }

        return subSessions;
    }
}
