using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Run;

/// <summary>Test data: sweep plans whose runs execute given shell commands in directories under a root.</summary>
internal static class SweepPlans
{
    public static SweepPlan Of(string root, IReadOnlyList<string> commands, SweepLaunchOptions? options = null, string group = "G1234abcd") =>
        new(
            group,
            "test",
            [.. commands.Select((command, i) => new SweepRun(
                i,
                $"test_sweep_{i}",
                Path.Combine(root, "train", $"test_sweep_{i}"),
                command,
                new Dictionary<string, string> { ["WANDB_NAME"] = $"test_sweep_{i}", ["WANDB_RUN_GROUP"] = group },
                [KeyValuePair.Create("seed", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]))],
            (options ?? new SweepLaunchOptions()) with { WorkingDirectory = root });

    /// <summary>Writes a shell script and returns the command that runs it (<c>sh PATH</c>).</summary>
    public static string Script(string directory, string name, string body)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.ReplaceLineEndings("\n"));
        return "sh " + path;
    }

    public static int Lines(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;
}
