using System.Globalization;
using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests.Sweeps;

/// <summary>A data home and a work directory for sweep tests, with plans whose runs execute given shell commands.</summary>
internal sealed class SweepFixture : IDisposable
{
    private readonly TempDirectory _root = new("ssearch-sweep-cli");

    public SweepFixture()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Marks);
    }

    public string Home => _root.Combine("home");

    /// <summary>Where the test commands leave their marks.</summary>
    public string Marks => _root.Combine("marks");

    public string Root => _root.Path;

    public StateStore OpenStore() => new PickleDirectoryStore(Home);

    public IReadOnlyList<string> WorkerCommand => [.. CliRunner.SelfCommand, "--home", Home, "--backend", "pickle"];

    public SweepPlan Plan(IReadOnlyList<string> commands, SweepLaunchOptions? options = null) =>
        new(
            "Gtest1234",
            "clitest",
            [.. commands.Select((command, i) => new SweepRun(
                i,
                $"clitest_sweep_{i}",
                _root.Combine("train", $"clitest_sweep_{i}"),
                command,
                new Dictionary<string, string> { ["WANDB_NAME"] = $"clitest_sweep_{i}" },
                [KeyValuePair.Create("i", i.ToString(CultureInfo.InvariantCulture))]))],
            (options ?? new SweepLaunchOptions()) with { WorkingDirectory = _root.Path });

    /// <summary>Writes a shell script and returns the command that runs it (<c>sh PATH</c>).</summary>
    public string Script(string name, string body)
    {
        var path = _root.Combine(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.ReplaceLineEndings("\n"));
        return "sh " + path;
    }

    /// <summary>Lines in marks/NAME (0 when missing): how often a run appended to it.</summary>
    public int Lines(string name)
    {
        var path = Path.Combine(Marks, name);
        return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
    }

    public void Dispose() => _root.Dispose();
}
