using System.Diagnostics;
using System.Globalization;
using SlurmSearch.Store;
using SlurmSearch.Store.Benchmarks;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests;

/// <summary>Real processes hammering one key: nothing lost, and a SIGKILL at any instant leaves a loadable, exact state.</summary>
public sealed class StoreReliabilityTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("pickle")]
    [InlineData("sqlite")]
    public void EightProcesses_TwoHundredTransactionsEach_AllSixteenHundredLand(string backend)
    {
        var key = StateKey.Of("bench", "eight");
        using (var store = StoreFactory.Open(backend, _home.Path))
        {
            StoreWorkload.Create(store, key, 50, new DateTime(2026, 1, 1));
        }

        var workers = Enumerable.Range(0, 8)
            .Select(i => CliRunner.Start("--home", _home.Path, "--backend", backend, "bench", "store-worker", "--key", key.ToString(), "--worker", $"w{i}", "--count", "200"))
            .ToList();
        foreach (var worker in workers)
        {
            var output = worker.StandardOutput.ReadToEnd();
            worker.WaitForExit();
            Assert.True(worker.ExitCode == 0, worker.StandardError.ReadToEnd());
            Assert.Equal("200", output.Trim());
            worker.Dispose();
        }

        using var fresh = StoreFactory.Open(backend, _home.Path);
        var state = (PyDict)fresh.Read(key);
        var commits = (PyDict)state["commits"];
        Assert.Equal(8, commits.Count);
        Assert.All(commits.Values, v => Assert.Equal(200L, ((PyInt)v).ToInt64()));
        Assert.Equal(50, ((PyList)state["trials"]).Count);
    }

    [Fact]
    public void SigkillAtRandomMoments_StateAlwaysLoadsInCSharpAndPython_AndEqualsLastCommit()
    {
        var key = StateKey.Of("bench", "killed");
        using (var store = new PickleDirectoryStore(_home.Path))
        {
            StoreWorkload.Create(store, key, 20, new DateTime(2026, 1, 1));
        }

        var random = new Random(2026);
        long committedSoFar = 0;
        var reader = File.ReadAllText(Repository.PathOf("docs", "read_state.py"));
        for (var round = 0; round < 20; round++)
        {
            using var worker = CliRunner.Start("--home", _home.Path, "bench", "store-worker", "--key", key.ToString(), "--worker", "w", "--report-each", "--count", "1000000");
            // Wait until this worker has committed something, then kill it at a random later instant.
            var lastReported = 0L;
            var first = worker.StandardOutput.ReadLine();
            if (first is null)
            {
                // Only now is reading stderr safe: a live worker would block on its full stdout pipe meanwhile.
                Assert.Fail("the worker ended before its first commit: " + worker.StandardError.ReadToEnd());
            }

            lastReported = long.Parse(first, CultureInfo.InvariantCulture);
            var target = lastReported + random.Next(1, 60);
            while (lastReported < target && worker.StandardOutput.ReadLine() is { } line)
            {
                lastReported = long.Parse(line, CultureInfo.InvariantCulture);
            }

            worker.Kill(); // SIGKILL
            worker.WaitForExit();
            // Counts printed after the last one read may exist; the state holds at least what was reported.
            while (worker.StandardOutput.ReadLine() is { } rest)
            {
                lastReported = long.Parse(rest, CultureInfo.InvariantCulture);
            }

            using var store = new PickleDirectoryStore(_home.Path);
            var state = (PyDict)store.Read(key);
            var commits = ((PyInt)((PyDict)state["commits"])["w"]).ToInt64();
            // Each run continues the same counter: what is stored is what was committed, at most one commit past
            // the last report (killed between its fsync and its report line).
            Assert.InRange(commits, committedSoFar + lastReported, committedSoFar + lastReported + 1);
            committedSoFar = commits;

            var python = Python.Check(reader + """

                import sys
                state = read_state(sys.argv[1], sys.argv[2])
                print(state['commits']['w'], len(state['trials']))
                """, [_home.Path, key.ToString()]);
            Assert.Equal($"{commits} 20", python.Trim());
        }
    }
}
