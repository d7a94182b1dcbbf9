using System.Globalization;
using SlurmSearch.Search.Grid;
using SlurmSearch.Sessions.Config;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Turns a <see cref="SweepRequest"/> into a <see cref="SweepPlan"/>: reads the sweep file, expands the grid, names the runs and shapes every command.</summary>
/// <remarks>
/// Every command gets, in order: its parameters, the <c>--proj-dat</c> argument sets, the checkpoint argument (<c>ckpt_cfg_key</c>) and <c>add_all</c>;
/// then the torchrun wrapper, the history queries and our variables. Randomness (the group id, <c>$SLURM_ID</c>, <c>randomize</c>) comes from the
/// injected generator only, so a seeded planner plans the same sweep twice.
/// </remarks>
public sealed class SweepPlanner
{
    private readonly SsearchConfig _config;
    private readonly Random _random;
    private readonly ISweepHistory? _history;

    /// <summary>Creates a planner over a configuration, a random generator and (for <c>&amp;last_model WHERE group=ID&amp;</c> queries) the sweep history.</summary>
    public SweepPlanner(SsearchConfig config, Random random, ISweepHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        _config = config;
        _random = random;
        _history = history;
    }

    /// <summary>Plans the sweep; nothing is created or launched.</summary>
    /// <exception cref="SweepPlanException">The file or the request is invalid (one message naming the problem).</exception>
    public SweepPlan Plan(SweepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var overrides = ParseOverrides(request.Overrides);
        var groupId = request.GroupId ?? RandomId();
        if (groupId.Length == 0 || !groupId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw SweepPlanException.Because($"--group-id '{groupId}' may hold only letters, digits, '_', '-' and '.'");
        }

        var work = Path.GetFullPath(request.Launch.WorkingDirectory);
        Shaped shaped;
        if (request.Commands.Count > 0)
        {
            shaped = PlanCommands(request.Commands, request, overrides, work, groupId);
        }
        else
        {
            var file = request.File;
            var extension = Path.GetExtension(file).ToLowerInvariant();
            if (extension is not (".yaml" or ".yml" or ".cmd" or RunDescription.Extension))
            {
                throw SweepPlanException.InFile(file, $"unknown sweep file type '{extension}'; use {RunDescription.Extension} (run description), .yaml/.yml (NeMo-RL sweep) or .cmd (one command per line)");
            }

            if (!File.Exists(file))
            {
                throw SweepPlanException.InFile(file, "no such sweep file");
            }

            shaped = extension switch
            {
                RunDescription.Extension => PlanRunDescription(RunDescription.Load(file), request, overrides, work),
                ".cmd" => PlanCommands(CommandLines(file), request, overrides, work, groupId),
                _ => PlanNemo(NemoSweepFile.Load(file), request, overrides, work),
            };
        }

        var launch = request.Launch with
        {
            Nodes = request.Launch.Nodes ?? shaped.Nodes,
            TorchrunProcesses = request.TorchrunProcesses,
            WorkingDirectory = work,
            TrainDirectory = shaped.TrainDirectory,
        };
        Validate(launch, shaped.Drafts.Count);
        var projectData = request.ProjectData.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var knownProjectData = _config.ProjectData.Keys.Concat(_config.ProjectDataText.Keys).ToList();
        if (projectData.FirstOrDefault(name => !knownProjectData.Contains(name, StringComparer.Ordinal)) is { } unknown)
        {
            throw SweepPlanException.Because(knownProjectData.Count == 0
                ? $"unknown --proj-dat '{unknown}': the configuration ({_config.Source}) defines no proj_dat sets"
                : $"unknown --proj-dat '{unknown}'; known: {string.Join(", ", knownProjectData)}");
        }

        var runs = shaped.Drafts.Select((draft, index) => Finish(draft, index, groupId, shaped.ParamPrefix, launch, projectData)).ToList();
        return new SweepPlan(groupId, shaped.BaseName, runs, launch);
    }

    private Shaped PlanNemo(NemoSweepFile sweep, SweepRequest request, List<KeyValuePair<string, string>> overrides, string work)
    {
        var script = Agree("script", request.ScriptPath, "script_path", sweep.ScriptPath, sweep.Source)
            ?? throw SweepPlanException.InFile(sweep.Source, "no script to run: add 'script_path: path/to/script.py' to the sweep file or give --script");
        var config = Agree("config", request.ConfigPath, "config_path", sweep.ConfigPath, sweep.Source);
        if (!File.Exists(Path.Combine(work, script)))
        {
            throw SweepPlanException.InFile(sweep.Source, $"script '{script}' does not exist (relative to {work})");
        }

        var nodes = config is null ? null : NumNodes(Path.Combine(work, config), config);
        var baseName = request.JobName ?? Path.GetFileNameWithoutExtension(script);
        if (!string.IsNullOrEmpty(request.ExperimentSuffix))
        {
            baseName += "_" + request.ExperimentSuffix;
        }

        var trainDirectory = request.TrainDirectory
            ?? _config.Sweep.TrainDirectory
            ?? (request.Environment("LOG") is { Length: > 0 } log ? Path.Combine(log, "nemo-rl") : "train_dir");
        var root = Path.GetFullPath(trainDirectory, work);
        var grid = Override(new ParamGrid(sweep.Parameters.Select(p => ParamGridEntry.Single(p.Name, p.Values))), overrides, out var extras);
        var swept = sweep.Parameters.Count > 0;
        var drafts = new List<Draft>();
        var i = 0;
        foreach (var combination in grid.Generate())
        {
            i++;
            var name = swept ? $"{baseName}_sweep_{i.ToString(CultureInfo.InvariantCulture)}" : baseName;
            var directory = Path.Combine(root, name);
            var parameters = Texts(combination);
            List<string> words = ["uv", "run", "python", ShellWord.Of(script)];
            if (config is not null)
            {
                words.AddRange(["--config", ShellWord.Of(config)]);
            }

            words.AddRange(parameters.Concat(extras).Select(p => ShellWord.Of($"{p.Key}={p.Value}")));
            if (request.Launch.Nodes is { } n)
            {
                words.Add("cluster.num_nodes=" + n.ToString(CultureInfo.InvariantCulture));
            }

            // NeMo-RL launcher's automatic setup: logs and checkpoints under the run's directory, W&B named after the run.
            words.AddRange(
            [
                ShellWord.Of($"logger.log_dir={Path.Combine(directory, "logs")}"),
                ShellWord.Of($"checkpointing.checkpoint_dir={Path.Combine(directory, "checkpoints")}"),
                "logger.wandb_enabled=True",
                ShellWord.Of($"logger.wandb.name={name}"),
            ]);
            drafts.Add(new Draft(name, directory, string.Join(" ", words), parameters, []));
        }

        return new Shaped(baseName, drafts, "", nodes, root);
    }

    private Shaped PlanRunDescription(RunDescription description, SweepRequest request, List<KeyValuePair<string, string>> overrides, string work)
    {
        var trainDirectory = request.TrainDirectory ?? _config.Sweep.TrainDirectory ?? "train_dir";
        var root = Path.GetFullPath(trainDirectory, work);
        var drafts = new List<Draft>();
        foreach (var experiment in description.Experiments)
        {
            var grid = Override(experiment.Grid, overrides, out var extras);
            var folder = string.IsNullOrEmpty(request.ExperimentSuffix) ? experiment.Name : $"{experiment.Name}_{request.ExperimentSuffix}";
            var experimentDirectory = Path.Combine(root, description.Name, folder);
            var index = 0;
            foreach (var combination in grid.Generate(experiment.Randomize, _random))
            {
                var parameters = Texts(combination);
                var name = SampleFactoryNames.Name(index++, experiment.Name, parameters, description.CustomizeExperimentName);
                List<string> words = [experiment.Command];
                words.AddRange(parameters.Concat(extras).Select(p => ShellWord.Of($"{description.ParamPrefix}{p.Key}={p.Value}")));
                words.Add(ShellWord.Of($"{description.ExperimentArgName}={name}"));
                words.Add(ShellWord.Of($"{description.ExperimentDirArgName}={experimentDirectory}"));
                drafts.Add(new Draft(name, Path.Combine(experimentDirectory, name), string.Join(" ", words), parameters, experiment.Environment));
            }
        }

        return new Shaped(description.Name, drafts, description.ParamPrefix, null, root);
    }

    // rl_utils' launcher: each command (extras appended) runs once per combination of its comma lists (word order, last fastest).
    private Shaped PlanCommands(IReadOnlyList<string> commands, SweepRequest request, List<KeyValuePair<string, string>> overrides, string work, string groupId)
    {
        var first = commands[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var script = first.FirstOrDefault(w => w.EndsWith(".py", StringComparison.Ordinal)) ?? first.FirstOrDefault() ?? "cmd";
        var baseName = request.JobName ?? Path.GetFileNameWithoutExtension(script);
        if (!string.IsNullOrEmpty(request.ExperimentSuffix))
        {
            baseName += "_" + request.ExperimentSuffix;
        }

        var trainDirectory = request.TrainDirectory ?? _config.Sweep.TrainDirectory ?? "train_dir";
        var root = Path.GetFullPath(trainDirectory, work);
        var expanded = commands
            .SelectMany(c => CommaProduct(string.Join(" ", [c, .. overrides.Select(o => ShellWord.Of($"{o.Key}={o.Value}"))])))
            .ToList();
        var drafts = expanded.Select((e, i) =>
        {
            var name = expanded.Count == 1 ? baseName : $"{baseName}_{i.ToString(CultureInfo.InvariantCulture)}";
            return new Draft(name, Path.Combine(root, groupId, name), e.Command, e.Parameters, []);
        }).ToList();
        return new Shaped(baseName, drafts, "", null, root);
    }

    private static List<string> CommandLines(string path)
    {
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return lines.Count > 0 ? lines : throw SweepPlanException.InFile(path, "the command file has no command (one per line; # starts a comment)");
    }

    // rl_utils' split_cmd: a word KEY=a,b (or a,b) is one word per value. Words with quotes or brackets are left whole, so lists and JSON survive.
    private static List<(string Command, IReadOnlyList<KeyValuePair<string, string>> Parameters)> CommaProduct(string command)
    {
        var results = new List<(List<string> Words, List<KeyValuePair<string, string>> Parameters)> { ([], []) };
        foreach (var word in command.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var prefix = equals >= 0 ? word[..(equals + 1)] : "";
            var values = word[prefix.Length..];
            if (!values.Contains(',', StringComparison.Ordinal) || word.IndexOfAny(['"', '\'', '[', ']', '{', '}', '(', ')']) >= 0)
            {
                results.ForEach(r => r.Words.Add(word));
                continue;
            }

            var parts = values.Split(',');
            if (parts.Any(p => p.Length == 0))
            {
                throw SweepPlanException.Because($"'{word}' has an empty value in its comma list");
            }

            var key = prefix.Length > 0 ? prefix[..^1] : word;
            results = [.. results.SelectMany(r => parts.Select(p => (new List<string>(r.Words) { prefix + p }, new List<KeyValuePair<string, string>>(r.Parameters) { new(key, p) })))];
        }

        return [.. results.Select(r => (string.Join(" ", r.Words), (IReadOnlyList<KeyValuePair<string, string>>)r.Parameters))];
    }

    private SweepRun Finish(Draft draft, int index, string groupId, string paramPrefix, SweepLaunchOptions launch, IReadOnlyList<string> projectData)
    {
        List<string> words = [draft.Command, .. projectData.Select(name => _config.ProjectCommandText(name, paramPrefix))];
        if (_config.CheckpointConfigKey is { Length: > 0 } key)
        {
            var checkpoints = Path.Combine(draft.Directory, "checkpoints");
            words.Add(ShellWord.Of($"{paramPrefix}{key}={(_config.CheckpointAppendName ? Path.Combine(checkpoints, draft.Name) : checkpoints)}"));
        }

        if (_config.AddAll is { Length: > 0 } addAll)
        {
            words.Add(addAll);
        }

        var command = string.Join(" ", words);
        if (launch.TorchrunProcesses is { } processes)
        {
            command = Torchrun.Wrap(command, processes, launch.Nodes ?? 1, $"{groupId}_{index.ToString(CultureInfo.InvariantCulture)}");
        }

        command = SweepHistoryQuery.Resolve(command, _history);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GROUP_ID"] = groupId,
            ["SLURM_ID"] = RandomId(),
            ["CMD_RANK"] = index.ToString(CultureInfo.InvariantCulture),
            ["RUN_NAME"] = draft.Name,
            ["RUN_DIR"] = draft.Directory,
        };
        AddIfSet(values, "DATA_DIR", _config.BaseDataDir);
        AddIfSet(values, "PROJECT_NAME", _config.ProjectName);
        AddIfSet(values, "WB_ENTITY", _config.WbEntity);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["WANDB_NAME"] = draft.Name,
            ["WANDB_RUN_GROUP"] = groupId,
            ["WANDB_DIR"] = draft.Directory,
        };
        foreach (var (name, value) in _config.AddEnvVars
            .Concat(projectData.SelectMany(p => _config.ProjectDataEnvVars.GetValueOrDefault(p) ?? []))
            .Concat(draft.Environment))
        {
            environment[name] = SweepVariables.Substitute(value, values, Missing);
        }

        return new SweepRun(index, draft.Name, draft.Directory, SweepVariables.Substitute(command, values, Missing), environment, draft.Parameters);
    }

    private string Missing(string name) =>
        $"${name} is used but the configuration ({_config.Source}) sets no {name switch { "DATA_DIR" => "base_data_dir", "PROJECT_NAME" => "proj_name", _ => "wb_entity" }}";

    // rl_utils' ids: an upper-case letter and the first 8 hex digits of a uuid4, here drawn from the injected generator.
    private string RandomId()
    {
        Span<char> id = stackalloc char[9];
        id[0] = (char)('A' + _random.Next(26));
        for (var i = 1; i < id.Length; i++)
        {
            id[i] = "0123456789abcdef"[_random.Next(16)];
        }

        return new string(id);
    }

    private static string? Agree(string flag, string? commandLine, string key, string? inFile, string source) =>
        commandLine is not null && inFile is not null && !string.Equals(commandLine, inFile, StringComparison.Ordinal)
            ? throw SweepPlanException.InFile(source, $"command line {flag} '{commandLine}' does not match sweep config {key} '{inFile}'; give one of them, or the same path")
            : commandLine ?? inFile;

    // The base config's cluster.num_nodes (NeMo-RL's default for --nodes), if it sets one.
    private static int? NumNodes(string path, string shown)
    {
        if (!File.Exists(path))
        {
            throw SweepPlanException.Because($"config '{shown}' does not exist (looked for {path})");
        }

        var root = NemoSweepReader.LoadDocument(File.ReadAllText(path), shown);
        if (root is YamlDotNet.RepresentationModel.YamlMappingNode top
            && top.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("cluster"), out var cluster)
            && cluster is YamlDotNet.RepresentationModel.YamlMappingNode clusterMap
            && clusterMap.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("num_nodes"), out var nodes)
            && nodes is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } text })
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? n
                : throw SweepPlanException.At(shown, (int)nodes.Start.Line, (int)nodes.Start.Column, $"cluster.num_nodes '{text}' is not a positive integer");
        }

        return null;
    }

    private static List<KeyValuePair<string, string>> ParseOverrides(IReadOnlyList<string> overrides)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var text in overrides)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || text[..equals].Any(char.IsWhiteSpace))
            {
                throw SweepPlanException.Because($"'{text}' is not key=value (extra arguments set one parameter each, e.g. optim.lr=5e-6)");
            }

            var key = text[..equals];
            if (result.Exists(r => r.Key == key))
            {
                throw SweepPlanException.Because($"'{key}' is set twice on the command line");
            }

            result.Add(new(key, text[(equals + 1)..]));
        }

        return result;
    }

    // A command-line key=value replaces the values of the swept parameter of that name (one value left), else it is appended to every command.
    private static ParamGrid Override(ParamGrid grid, List<KeyValuePair<string, string>> overrides, out List<KeyValuePair<string, string>> extras)
    {
        extras = [];
        var entries = grid.Entries.ToList();
        foreach (var (key, value) in overrides)
        {
            var at = entries.FindIndex(e => e.Names.Contains(key, StringComparer.Ordinal));
            if (at < 0)
            {
                extras.Add(new(key, value));
            }
            else if (entries[at].IsTied)
            {
                throw SweepPlanException.Because($"cannot override '{key}' on the command line: it is tied with {string.Join(", ", entries[at].Names.Where(n => n != key))} in the grid");
            }
            else
            {
                entries[at] = ParamGridEntry.Single(key, [value]);
            }
        }

        return new ParamGrid(entries);
    }

    private static List<KeyValuePair<string, string>> Texts(Dictionary<string, object?> combination) =>
        [.. combination.Select(p => new KeyValuePair<string, string>(p.Key, p.Value as string ?? Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "None"))];

    private static void AddIfSet(Dictionary<string, string> values, string name, string? value)
    {
        if (value is not null)
        {
            values[name] = value;
        }
    }

    private void Validate(SweepLaunchOptions o, int runs)
    {
        var problems = new List<string>();
        if (o.MaxParallel < 1)
        {
            problems.Add($"--max-parallel must be at least 1, got {o.MaxParallel}");
        }

        if (o.NumGpus < 0)
        {
            problems.Add($"--num-gpus must be 0 or more, got {o.NumGpus}");
        }

        if (o.ExperimentsPerGpu is 0 or < -1)
        {
            problems.Add($"--experiments-per-gpu must be -1 (leave CUDA_VISIBLE_DEVICES alone) or at least 1, got {o.ExperimentsPerGpu}");
        }
        else if (o.ExperimentsPerGpu > 0 && o.Backend == SweepBackend.Local && (long)o.NumGpus * o.ExperimentsPerGpu < o.MaxParallel)
        {
            problems.Add($"--max-parallel {o.MaxParallel} is more than the GPUs allow: --num-gpus {o.NumGpus} × --experiments-per-gpu {o.ExperimentsPerGpu} = {(long)o.NumGpus * o.ExperimentsPerGpu} at once");
        }

        if (o.PauseBetween < TimeSpan.Zero)
        {
            problems.Add("--pause-between must not be negative");
        }

        if (o.Devices.Count > 1 && o.Devices.Count != runs)
        {
            problems.Add($"--cd gives {o.Devices.Count} device sets for {runs} runs; give one for all runs or one per run (0|1|2)");
        }

        if (o.Devices.Count > 0 && o.ExperimentsPerGpu > 0)
        {
            problems.Add("--cd and --experiments-per-gpu both choose CUDA_VISIBLE_DEVICES; give one of them");
        }

        if (o.TorchrunProcesses is < 1)
        {
            problems.Add($"--torchrun must be at least 1, got {o.TorchrunProcesses}");
        }

        if (o.Nodes is < 1)
        {
            problems.Add($"--nodes must be at least 1, got {o.Nodes}");
        }

        if (o.SlurmTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            problems.Add("--slurm-timeout must be positive");
        }

        if ((o.ContainerImage is not null || o.ContainerMounts.Count > 0) && o.Backend != SweepBackend.Slurm)
        {
            problems.Add("--container and --mounts apply to --executor slurm (pyxis)");
        }

        if (o.ContainerMounts.Count > 0 && o.ContainerImage is null)
        {
            problems.Add("--mounts needs --container IMAGE");
        }

        if (o.ContainerMounts.FirstOrDefault(m => m.Split(':').Length is < 2 or > 3 || m.Split(':').Any(p => p.Length == 0)) is { } mount)
        {
            problems.Add($"--mounts '{mount}' is not SRC:DST[:FLAGS]");
        }

        if (o.Backend == SweepBackend.Tmux && o.TmuxSessionName is null && o.TmuxSessionId is null)
        {
            problems.Add("--executor tmux needs --sess-name NAME or --sess-id N");
        }

        if (o.Backend != SweepBackend.Tmux && (o.TmuxSessionName is not null || o.TmuxSessionId is not null))
        {
            problems.Add("--sess-name and --sess-id apply to --executor tmux");
        }

        if (o.Backend == SweepBackend.Ngc)
        {
            if (o.NgcJobTemplate is null)
            {
                problems.Add("--executor ngc needs --ngc-job-template FILE");
            }
            else if (!File.Exists(Path.Combine(o.WorkingDirectory, o.NgcJobTemplate)))
            {
                problems.Add($"NGC job template '{o.NgcJobTemplate}' does not exist");
            }
            else if (!File.ReadAllText(Path.Combine(o.WorkingDirectory, o.NgcJobTemplate)).Contains(NgcCommand.CommandPlaceholder, StringComparison.Ordinal))
            {
                problems.Add($"NGC job template '{o.NgcJobTemplate}' has no {NgcCommand.CommandPlaceholder} placeholder");
            }
        }

        if (runs == 0)
        {
            problems.Add("the sweep has no runs");
        }

        if (problems.Count > 0)
        {
            throw SweepPlanException.Because(string.Join("; ", problems));
        }
    }

    private sealed record Draft(string Name, string Directory, string Command, IReadOnlyList<KeyValuePair<string, string>> Parameters, IReadOnlyList<KeyValuePair<string, string>> Environment);

    private sealed record Shaped(string BaseName, List<Draft> Drafts, string ParamPrefix, int? Nodes, string TrainDirectory);
}
