using System.Globalization;
using SlurmSearch.Sessions.Slurm;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SlurmSearch.Sessions.Config;

/// <summary>Turns config.yaml text into an <see cref="SsearchConfig"/>, reporting every problem with file:line:column.</summary>
internal sealed class ConfigReader
{
    private static readonly string[] TopLevelKeys =
    [
        "slurm", "slurm_ignore_nodes", "add_env_vars", "conda_env", "proj_dat", "proj_data",
        "base_data_dir", "proj_name", "wb_entity", "ckpt_cfg_key", "ckpt_append_name", "add_all", "proj_dat_add_env_vars", "sweep",
    ];

    private static readonly string[] SweepKeys = ["train_dir", "max_parallel", "num_gpus", "experiments_per_gpu", "pause_between", "executor"];

    private static readonly string[] ProfileKeys =
        ["partition", "account", "qos", "time", "nodes", "c", "cpus_per_task", "mem", "gres", "g", "gpus", "constraint", "comment", "exclude", "extra", "setup"];

    private readonly string _source;

    private ConfigReader(string source) => _source = source;

    public static SsearchConfig Read(string yaml, string source) => new ConfigReader(source).Read(yaml);

    private SsearchConfig Read(string yaml)
    {
        var root = LoadRoot(yaml);
        var profiles = new Dictionary<string, SlurmResources>(StringComparer.Ordinal);
        var profileNames = new List<string>();
        var ignoreNodes = new List<string>();
        var envVars = new List<KeyValuePair<string, string>>();
        string? condaEnv = null;
        var projectData = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        var unused = new List<string>();
        YamlNode? projectKey = null;
        var projectText = new Dictionary<string, string>(StringComparer.Ordinal);
        var projectEnv = new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        var rlUtils = new Dictionary<string, string?>(StringComparer.Ordinal);
        var appendName = false;
        var sweep = SweepConfigDefaults.None;

        foreach (var (keyNode, value) in root?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var key = KeyOf(keyNode);
            switch (key)
            {
                case "slurm":
                    foreach (var (nameNode, profileNode) in MappingOrEmpty(value, "'slurm' must map profile names to settings"))
                    {
                        var name = KeyOf(nameNode);
                        profiles[name] = ReadProfile(name, profileNode);
                        profileNames.Add(name);
                    }

                    break;
                case "slurm_ignore_nodes":
                    ignoreNodes.AddRange(StringList(value, "slurm_ignore_nodes"));
                    break;
                case "add_env_vars":
                    envVars.AddRange(ReadEnvVars(value));
                    break;
                case "conda_env":
                    condaEnv = Scalar(value, "conda_env");
                    break;
                case "proj_dat" or "proj_data":
                    if (projectKey is not null)
                    {
                        throw Error(keyNode, $"both 'proj_dat' and 'proj_data' are given (line {projectKey.Start.Line}); keep one");
                    }

                    projectKey = keyNode;
                    foreach (var (nameNode, argsNode) in MappingOrEmpty(value, $"'{key}' must map names to argument sets"))
                    {
                        // rl_utils writes a set as one string of arguments ("ARG arg_value"); ssearch also takes a mapping.
                        if (argsNode is YamlScalarNode && !IsNull(argsNode))
                        {
                            projectText[KeyOf(nameNode)] = Scalar(argsNode, $"{key}.{KeyOf(nameNode)}")!;
                        }
                        else
                        {
                            projectData[KeyOf(nameNode)] = ReadArguments(KeyOf(nameNode), argsNode);
                        }
                    }

                    break;
                case "base_data_dir" or "proj_name" or "wb_entity" or "ckpt_cfg_key" or "add_all":
                    rlUtils[key] = Scalar(value, key);
                    break;
                case "ckpt_append_name":
                    appendName = Bool(value, key);
                    break;
                case "proj_dat_add_env_vars":
                    foreach (var (nameNode, varsNode) in MappingOrEmpty(value, "'proj_dat_add_env_vars' must map proj_dat names to variables (\"A=1 B=2\")"))
                    {
                        projectEnv[KeyOf(nameNode)] = varsNode is YamlScalarNode
                            ? SplitEnvVars(varsNode, Scalar(varsNode, $"proj_dat_add_env_vars.{KeyOf(nameNode)}") ?? string.Empty)
                            : ReadEnvVars(varsNode);
                    }

                    break;
                case "sweep":
                    sweep = ReadSweep(value);
                    break;
                default:
                    throw Error(keyNode, $"unknown key '{key}'; known keys: {string.Join(", ", TopLevelKeys)}");
            }
        }

        return new SsearchConfig(_source, profiles, profileNames, ignoreNodes, envVars, condaEnv, projectData, unused)
        {
            BaseDataDir = rlUtils.GetValueOrDefault("base_data_dir"),
            ProjectName = rlUtils.GetValueOrDefault("proj_name"),
            WbEntity = rlUtils.GetValueOrDefault("wb_entity"),
            CheckpointConfigKey = rlUtils.GetValueOrDefault("ckpt_cfg_key"),
            CheckpointAppendName = appendName,
            AddAll = rlUtils.GetValueOrDefault("add_all"),
            ProjectDataText = projectText,
            ProjectDataEnvVars = projectEnv,
            Sweep = sweep,
        };
    }

    private SweepConfigDefaults ReadSweep(YamlNode node)
    {
        var defaults = SweepConfigDefaults.None;
        foreach (var (keyNode, value) in MappingOrEmpty(node, "'sweep' must be a mapping of defaults (train_dir, max_parallel, …)"))
        {
            var key = KeyOf(keyNode);
            var what = "sweep." + key;
            defaults = key switch
            {
                "train_dir" => defaults with { TrainDirectory = Scalar(value, what) },
                "max_parallel" => defaults with { MaxParallel = PositiveInt(value, what) },
                "num_gpus" => defaults with { NumGpus = PositiveInt(value, what) },
                "experiments_per_gpu" => defaults with { ExperimentsPerGpu = Scalar(value, what) == "-1" ? -1 : PositiveInt(value, what) },
                "pause_between" => defaults with { PauseBetween = Seconds(value, what) },
                "executor" => defaults with
                {
                    Executor = Scalar(value, what) is { } e && e is "local" or "slurm" or "tmux" or "ngc"
                        ? e
                        : throw Error(value, $"{what}: '{Scalar(value, what)}' is not an executor (local, slurm, tmux or ngc)"),
                },
                _ => throw Error(keyNode, $"unknown sweep default '{key}'; known: {string.Join(", ", SweepKeys)}"),
            };
        }

        return defaults;
    }

    private TimeSpan? Seconds(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        return text is null ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) && s >= 0 && s < 86400
                ? TimeSpan.FromSeconds(s)
                : throw Error(node, $"{what}: '{text}' is not a number of seconds (0 to 86400)");
    }

    private bool Bool(YamlNode node, string what) =>
        Scalar(node, what) switch
        {
            null or "false" or "False" or "FALSE" or "no" or "No" => false,
            "true" or "True" or "TRUE" or "yes" or "Yes" => true,
            var text => throw Error(node, $"{what}: '{text}' is not true or false"),
        };

    private List<KeyValuePair<string, string>> SplitEnvVars(YamlNode at, string text)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var item in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw Error(at, $"'{item}' is not KEY=VALUE (variables are separated by spaces)");
            }

            result.Add(EnvVar(at, item[..eq], item[(eq + 1)..]));
        }

        return result;
    }

    private YamlMappingNode? LoadRoot(string yaml)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // An unclosed bracket is detected only at the end of the file: point at the bracket instead.
            if (e.Message.Contains("flow", StringComparison.Ordinal) && parser.InnermostOpenFlow is { } open)
            {
                throw ConfigException.At(_source, (int)open.Start.Line, (int)open.Start.Column, $"YAML error: this '{open.Opener}' is never closed ({e.Message})", e);
            }

            throw ConfigException.At(_source, (int)e.Start.Line, (int)e.Start.Column, "YAML error: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet fails this way, without a position, on some unclosed flow collections.
            if (parser.InnermostOpenFlow is { } open)
            {
                throw ConfigException.At(_source, (int)open.Start.Line, (int)open.Start.Column, $"YAML error: this '{open.Opener}' is never closed", e);
            }

            throw ConfigException.At(_source, (int)parser.LastEnd.Line, (int)parser.LastEnd.Column, "YAML error near here", e);
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(stream.Documents[1].RootNode, "the configuration must be a single YAML document");
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return null;
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Error(stream.Documents[0].RootNode, "the configuration must be a mapping of keys (slurm:, conda_env:, …)");
    }

    private SlurmResources ReadProfile(string name, YamlNode node)
    {
        var r = new SlurmResources();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in MappingOrEmpty(node, $"Slurm profile '{name}' must be a mapping of settings"))
        {
            var key = KeyOf(keyNode);
            // Aliases that set the same thing must not both appear.
            var canonical = key switch { "c" => "cpus_per_task", "g" or "gpus" => "gres", _ => key };
            if (!ProfileKeys.Contains(key, StringComparer.Ordinal))
            {
                throw Error(keyNode, $"unknown setting '{key}' in Slurm profile '{name}'; known settings: {string.Join(", ", ProfileKeys)}");
            }

            if (seen.TryGetValue(canonical, out var earlier))
            {
                throw Error(keyNode, $"'{key}' sets the same thing as '{KeyOf(earlier)}' (line {earlier.Start.Line}) in Slurm profile '{name}'");
            }

            seen[canonical] = keyNode;
            var what = $"{name}.{key}";
            r = key switch
            {
                "partition" => r with { Partition = Scalar(value, what) },
                "account" => r with { Account = Scalar(value, what) },
                "qos" => r with { Qos = Scalar(value, what) },
                "time" => r with { Time = TimeLimit(value, what) },
                "nodes" => r with { Nodes = PositiveInt(value, what) },
                "c" or "cpus_per_task" => r with { CpusPerTask = PositiveInt(value, what) },
                "mem" => r with { Mem = Scalar(value, what) },
                "gres" => r with { Gres = Scalar(value, what) },
                "g" or "gpus" => r with { Gres = PositiveInt(value, what) is { } gpus ? "gpu:" + gpus.ToString(CultureInfo.InvariantCulture) : null },
                "constraint" => r with { Constraint = Scalar(value, what) },
                "comment" => r with { Comment = Scalar(value, what) },
                "exclude" => r with { Exclude = StringList(value, what) },
                "extra" => r with { Extra = StringList(value, what, splitCommas: false) },
                _ => r with { Setup = StringList(value, what, splitCommas: false) },
            };
        }

        return r;
    }

    private List<KeyValuePair<string, string>> ReadEnvVars(YamlNode node)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (node is YamlMappingNode mapping)
        {
            foreach (var (k, v) in mapping.Children)
            {
                result.Add(EnvVar(k, KeyOf(k), Scalar(v, "add_env_vars." + KeyOf(k)) ?? string.Empty));
            }

            return result;
        }

        foreach (var item in SequenceOrEmpty(node, "add_env_vars must be a list of \"KEY=VALUE\" strings"))
        {
            var text = Scalar(item, "add_env_vars entry") ?? string.Empty;
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw Error(item, $"add_env_vars entry '{text}' is not KEY=VALUE");
            }

            result.Add(EnvVar(item, text[..eq], text[(eq + 1)..]));
        }

        return result;
    }

    private KeyValuePair<string, string> EnvVar(YamlNode at, string name, string value)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw Error(at, $"'{name}' is not a valid environment variable name");
        }

        return new(name, value);
    }

    private List<KeyValuePair<string, string>> ReadArguments(string name, YamlNode node)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in MappingOrEmpty(node, $"proj_dat entry '{name}' must map argument names to values (e.g. {{lr: 0.1, epochs: 3}})"))
        {
            result.Add(new(KeyOf(k), Scalar(v, $"{name}.{KeyOf(k)}") ?? string.Empty));
        }

        return result;
    }

    private string? TimeLimit(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        if (text is not null && !SlurmTimeLimit.TryParse(text, out _))
        {
            throw Error(node, $"{what}: '{text}' is not a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED)");
        }

        return text;
    }

    private int? PositiveInt(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? n
            : throw Error(node, $"{what}: '{text}' is not a positive integer");
    }

    private List<string> StringList(YamlNode node, string what, bool splitCommas = true)
    {
        if (node is YamlScalarNode)
        {
            var text = Scalar(node, what);
            return text is null ? [] : splitCommas ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [text];
        }

        return [.. SequenceOrEmpty(node, $"{what} must be a list").Select(item => Scalar(item, what + " entry") ?? throw Error(item, $"{what}: empty entry"))];
    }

    private string? Scalar(YamlNode node, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(node, $"{what} must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
        }

        return IsNull(scalar) ? null : scalar.Value;
    }

    private string KeyOf(YamlNode node) =>
        node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(node, "keys must be plain names");

    private IEnumerable<KeyValuePair<YamlNode, YamlNode>> MappingOrEmpty(YamlNode node, string message) =>
        IsNull(node) ? [] : node is YamlMappingNode m ? m.Children : throw Error(node, message);

    private IEnumerable<YamlNode> SequenceOrEmpty(YamlNode node, string message) =>
        IsNull(node) ? [] : node is YamlSequenceNode s ? s.Children : throw Error(node, message);

    // An empty value, "~" or "null" written plainly (quoted "null" is a string).
    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s
        && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

    private ConfigException Error(YamlNode node, string reason) =>
        ConfigException.At(_source, (int)node.Start.Line, (int)node.Start.Column, reason);
}
