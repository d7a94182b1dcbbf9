using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Config;

/// <summary>The user's <c>$SSEARCH_HOME/config.yaml</c>: Slurm profiles, nodes to avoid, exported variables, a conda env and named argument sets (rl_utils' schema; see docs/config.example.yaml).</summary>
public sealed class SsearchConfig
{
    /// <summary>The file name inside the data home.</summary>
    public const string FileName = "config.yaml";

    internal SsearchConfig(
        string source,
        IReadOnlyDictionary<string, SlurmResources> profiles,
        IReadOnlyList<string> profileNames,
        IReadOnlyList<string> slurmIgnoreNodes,
        IReadOnlyList<KeyValuePair<string, string>> addEnvVars,
        string? condaEnv,
        IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> projectData,
        IReadOnlyList<string> unusedKeys)
    {
        Source = source;
        Profiles = profiles;
        ProfileNames = profileNames;
        SlurmIgnoreNodes = slurmIgnoreNodes;
        AddEnvVars = addEnvVars;
        CondaEnv = condaEnv;
        ProjectData = projectData;
        UnusedKeys = unusedKeys;
    }

    /// <summary>A configuration with nothing in it (what a missing file means).</summary>
    public static SsearchConfig Empty { get; } = new(
        "(no configuration)",
        new Dictionary<string, SlurmResources>(StringComparer.Ordinal),
        [],
        [],
        [],
        null,
        new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal),
        []);

    /// <summary>Where the configuration came from (a path, or the name given to <see cref="Parse"/>).</summary>
    public string Source { get; }

    /// <summary>The Slurm profiles (<c>slurm: {NAME: {...}}</c>) by name.</summary>
    public IReadOnlyDictionary<string, SlurmResources> Profiles { get; }

    /// <summary>The profile names in file order.</summary>
    public IReadOnlyList<string> ProfileNames { get; }

    /// <summary>Nodes every Slurm job avoids (<c>slurm_ignore_nodes</c>, becomes <c>--exclude</c>).</summary>
    public IReadOnlyList<string> SlurmIgnoreNodes { get; }

    /// <summary>Variables exported in every batch script (<c>add_env_vars: ["KEY=VALUE", …]</c>), in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AddEnvVars { get; }

    /// <summary>The conda environment batch scripts activate (<c>conda_env</c>), if any.</summary>
    public string? CondaEnv { get; }

    /// <summary>Named argument sets (<c>proj_dat: {NAME: {arg: value, …}}</c>), arguments in file order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> ProjectData { get; }

    /// <summary>Keys that are accepted for compatibility but used by nothing in ssearch (none at present: every rl_utils key serves <c>ssearch sweep</c>).</summary>
    public IReadOnlyList<string> UnusedKeys { get; }

    /// <summary>rl_utils' <c>base_data_dir</c>: the value of <c>$DATA_DIR</c> in sweep commands.</summary>
    public string? BaseDataDir { get; internal init; }

    /// <summary>rl_utils' <c>proj_name</c>: the value of <c>$PROJECT_NAME</c> in sweep commands.</summary>
    public string? ProjectName { get; internal init; }

    /// <summary>rl_utils' <c>wb_entity</c>: the value of <c>$WB_ENTITY</c> in sweep commands.</summary>
    public string? WbEntity { get; internal init; }

    /// <summary>rl_utils' <c>ckpt_cfg_key</c>: the argument that receives each sweep run's checkpoint directory.</summary>
    public string? CheckpointConfigKey { get; internal init; }

    /// <summary>rl_utils' <c>ckpt_append_name</c>: append the run's name to the checkpoint directory passed under <see cref="CheckpointConfigKey"/>.</summary>
    public bool CheckpointAppendName { get; internal init; }

    /// <summary>rl_utils' <c>add_all</c>: text appended to every sweep command.</summary>
    public string? AddAll { get; internal init; }

    /// <summary>Argument sets written the rl_utils way, as one string (<c>proj_dat: {eval: "ARG value"}</c>), appended to commands as is.</summary>
    public IReadOnlyDictionary<string, string> ProjectDataText { get; internal init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>rl_utils' <c>proj_dat_add_env_vars</c>: variables set for the runs of a sweep launched with that <c>--proj-dat</c> name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, string>>> ProjectDataEnvVars { get; internal init; } =
        new Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>>(StringComparer.Ordinal);

    /// <summary>Defaults for <c>ssearch sweep</c> (the <c>sweep:</c> section).</summary>
    public SweepConfigDefaults Sweep { get; internal init; } = SweepConfigDefaults.None;

    /// <summary>Reads <c>HOME/config.yaml</c>; a missing file is an empty configuration.</summary>
    /// <exception cref="ConfigException">The file exists but is invalid.</exception>
    public static SsearchConfig LoadFromHome(string home)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(home);
        var path = Path.Combine(home, FileName);
        return File.Exists(path) ? Load(path) : Empty;
    }

    /// <summary>Reads a configuration file.</summary>
    /// <exception cref="ConfigException">The file is missing, unreadable, not YAML, or not a valid configuration.</exception>
    public static SsearchConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ConfigException.InFile(path, "cannot read the configuration: " + e.Message, e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses configuration text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="ConfigException">The text is not YAML or not a valid configuration.</exception>
    public static SsearchConfig Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return ConfigReader.Read(yaml, source);
    }

    /// <summary>The resources of profile <paramref name="name"/>, exactly as written.</summary>
    /// <exception cref="ConfigException">No such profile; the message lists the known ones.</exception>
    public SlurmResources Profile(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Profiles.TryGetValue(name, out var profile))
        {
            return profile;
        }

        var known = ProfileNames.Count == 0 ? "none are defined (add them under 'slurm:')" : "known profiles: " + string.Join(", ", ProfileNames);
        throw ConfigException.InFile(Source, $"unknown Slurm profile '{name}'; {known}");
    }

    /// <summary>The resources a job gets: <c>slurm_ignore_nodes</c>, then the profile (if named), then <paramref name="commandLine"/> on top (the command line wins).</summary>
    /// <exception cref="ConfigException">The profile does not exist.</exception>
    public SlurmResources ResolveResources(string? profile, SlurmResources? commandLine = null)
    {
        var resources = new SlurmResources { Exclude = SlurmIgnoreNodes };
        if (profile is not null)
        {
            resources = resources.Merge(Profile(profile));
        }

        return commandLine is null ? resources : resources.Merge(commandLine);
    }

    /// <summary>The argument set <paramref name="name"/> from <c>proj_dat</c>.</summary>
    /// <exception cref="ConfigException">No such set; the message lists the known ones.</exception>
    public IReadOnlyList<KeyValuePair<string, string>> ProjectArguments(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (ProjectData.TryGetValue(name, out var arguments))
        {
            return arguments;
        }

        var known = ProjectData.Count == 0 ? "none are defined (add them under 'proj_dat:')" : "known: " + string.Join(", ", ProjectData.Keys);
        throw ConfigException.InFile(Source, $"unknown proj_dat entry '{name}'; {known}");
    }

    /// <summary>The command-line text of the argument set <paramref name="name"/>: the string form as written, or the mapping form as <c>{prefix}{arg}={value}</c> words.</summary>
    /// <exception cref="ConfigException">No such set; the message lists the known ones.</exception>
    public string ProjectCommandText(string name, string parameterPrefix)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameterPrefix);
        if (ProjectDataText.TryGetValue(name, out var text))
        {
            return text;
        }

        if (!ProjectData.ContainsKey(name))
        {
            var names = ProjectData.Keys.Concat(ProjectDataText.Keys).ToList();
            var known = names.Count == 0 ? "none are defined (add them under 'proj_dat:')" : "known: " + string.Join(", ", names);
            throw ConfigException.InFile(Source, $"unknown proj_dat entry '{name}'; {known}");
        }

        return string.Join(" ", ProjectData[name].Select(a => ShellQuote.Quote($"{parameterPrefix}{a.Key}={a.Value}")));
    }
}
