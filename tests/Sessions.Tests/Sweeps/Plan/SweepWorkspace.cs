using SlurmSearch.Sessions.Config;
using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>A temporary working directory holding sweep files, scripts and configs, and a seeded planner over it.</summary>
internal sealed class SweepWorkspace : IDisposable
{
    private readonly TempDirectory _directory = new("ssearch-sweep");

    public string Root => _directory.Path;

    /// <summary>The absolute path of <paramref name="relative"/> inside the workspace.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public SweepPlan Plan(string file, SweepRequest? request = null, string? config = null, int seed = 7, ISweepHistory? history = null)
    {
        var basis = request ?? new SweepRequest { File = file };
        var planner = new SweepPlanner(config is null ? SsearchConfig.Empty : SsearchConfig.Parse(config, "config.yaml"), new Random(seed), history);
        return planner.Plan(basis with { File = PathOf(file), Launch = basis.Launch with { WorkingDirectory = Root } });
    }

    public SweepPlanException PlanFails(string file, SweepRequest? request = null, string? config = null) =>
        Assert.Throws<SweepPlanException>(() => Plan(file, request, config));

    public void Dispose() => _directory.Dispose();
}
