using System.Globalization;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>A sweep plan as plain data in the session state (<c>ssearch.sweep</c>), so <c>restart</c> runs it the same way and Python can read it.</summary>
internal static class SweepSessionPlain
{
    public static Dictionary<string, object?> Write(SweepPlan plan)
    {
        var o = plan.Options;
        return new Dictionary<string, object?>
        {
            ["group_id"] = plan.GroupId,
            ["base_name"] = plan.BaseName,
            ["options"] = new Dictionary<string, object?>
            {
                ["backend"] = o.Backend.ToString().ToLowerInvariant(),
                ["max_parallel"] = (long)o.MaxParallel,
                ["num_gpus"] = (long)o.NumGpus,
                ["experiments_per_gpu"] = (long)o.ExperimentsPerGpu,
                ["pause_between"] = o.PauseBetween.TotalSeconds,
                ["run_single"] = o.RunSingle,
                ["devices"] = o.Devices.ToList<object?>(),
                ["nodes"] = o.Nodes is { } n ? (long)n : null,
                ["torchrun"] = o.TorchrunProcesses is { } t ? (long)t : null,
                ["container_image"] = o.ContainerImage,
                ["container_mounts"] = o.ContainerMounts.ToList<object?>(),
                ["slurm_profile"] = o.SlurmProfile,
                ["slurm"] = SlurmGenerations.ResourcesToPlain(o.Slurm),
                ["slurm_timeout"] = o.SlurmTimeout?.TotalSeconds,
                ["sbatch_template"] = o.SbatchTemplate,
                ["tmux_session_name"] = o.TmuxSessionName,
                ["tmux_session_id"] = o.TmuxSessionId is { } id ? (long)id : null,
                ["ngc_job_template"] = o.NgcJobTemplate,
                ["ngc_print_only"] = o.NgcPrintOnly,
                ["working_directory"] = Path.GetFullPath(o.WorkingDirectory),
                ["train_directory"] = o.TrainDirectory,
            },
            ["runs"] = plan.Runs.Select(r => (object?)new Dictionary<string, object?>
            {
                ["index"] = (long)r.Index,
                ["name"] = r.Name,
                ["directory"] = Path.GetFullPath(r.Directory, Path.GetFullPath(o.WorkingDirectory)),
                ["command"] = r.Command,
                ["env"] = r.Environment.ToDictionary(p => p.Key, p => (object?)p.Value),
                ["parameters"] = r.Parameters.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList(),
            }).ToList(),
        };
    }

    public static SweepPlan Read(PyDict record)
    {
        var plain = (Dictionary<string, object?>)PyPlain.FromPy(record)!;
        var o = plain.TryGetValue("options", out var raw) && raw is Dictionary<string, object?> d ? d : [];
        var options = new SweepLaunchOptions
        {
            Backend = Enum.TryParse<SweepBackend>(Text(o, "backend"), ignoreCase: true, out var backend) ? backend : SweepBackend.Local,
            MaxParallel = (int)(Long(o, "max_parallel") ?? 1),
            NumGpus = (int)(Long(o, "num_gpus") ?? 1),
            ExperimentsPerGpu = (int)(Long(o, "experiments_per_gpu") ?? -1),
            PauseBetween = TimeSpan.FromSeconds(Double(o, "pause_between") ?? 0),
            RunSingle = o.TryGetValue("run_single", out var rs) && rs is true,
            Devices = Texts(o, "devices"),
            Nodes = Long(o, "nodes") is { } n ? (int)n : null,
            TorchrunProcesses = Long(o, "torchrun") is { } t ? (int)t : null,
            ContainerImage = Text(o, "container_image"),
            ContainerMounts = Texts(o, "container_mounts"),
            SlurmProfile = Text(o, "slurm_profile"),
            Slurm = o.TryGetValue("slurm", out var s) && s is Dictionary<string, object?> slurm ? SlurmGenerations.ResourcesFromPlain(slurm) : Slurm.SlurmResources.None,
            SlurmTimeout = Double(o, "slurm_timeout") is { } timeout ? TimeSpan.FromSeconds(timeout) : null,
            SbatchTemplate = Text(o, "sbatch_template"),
            TmuxSessionName = Text(o, "tmux_session_name"),
            TmuxSessionId = Long(o, "tmux_session_id") is { } id ? (int)id : null,
            NgcJobTemplate = Text(o, "ngc_job_template"),
            NgcPrintOnly = !o.TryGetValue("ngc_print_only", out var p) || p is not false,
            WorkingDirectory = Text(o, "working_directory") ?? ".",
            TrainDirectory = Text(o, "train_directory") ?? "train_dir",
        };
        var runs = plain.TryGetValue("runs", out var r) && r is List<object?> list ? list.OfType<Dictionary<string, object?>>().Select(Run).ToList() : [];
        return new SweepPlan(Text(plain, "group_id") ?? string.Empty, Text(plain, "base_name") ?? string.Empty, runs, options);
    }

    private static SweepRun Run(Dictionary<string, object?> run) => new(
        (int)(Long(run, "index") ?? 0),
        Text(run, "name") ?? string.Empty,
        Text(run, "directory") ?? string.Empty,
        Text(run, "command") ?? string.Empty,
        run.TryGetValue("env", out var e) && e is Dictionary<string, object?> env
            ? env.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(),
        run.TryGetValue("parameters", out var p) && p is List<object?> pairs
            ? [.. pairs.OfType<List<object?>>().Where(x => x.Count == 2).Select(x => KeyValuePair.Create(x[0]?.ToString() ?? string.Empty, x[1]?.ToString() ?? string.Empty))]
            : []);

    private static string? Text(Dictionary<string, object?> d, string key) => d.TryGetValue(key, out var v) ? v as string : null;

    private static long? Long(Dictionary<string, object?> d, string key) => d.TryGetValue(key, out var v) && v is long l ? l : null;

    private static double? Double(Dictionary<string, object?> d, string key) => d.TryGetValue(key, out var v) ? v switch { double x => x, long l => l, _ => null } : null;

    private static IReadOnlyList<string> Texts(Dictionary<string, object?> d, string key) =>
        d.TryGetValue(key, out var v) && v is List<object?> items ? [.. items.OfType<string>()] : [];
}
