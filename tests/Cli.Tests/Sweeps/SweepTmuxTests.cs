using System.Diagnostics;
using SlurmSearch.Sessions.Sweeps;
using SlurmSearch.Store;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests.Sweeps;

/// <summary>The tmux backend on a real headless tmux server of the test's own (<c>tmux -L</c>), killed at the end.</summary>
public sealed class SweepTmuxTests : IDisposable
{
    private readonly SweepFixture _fixture = new();
    private readonly string _socket = $"ssearch-test-{Guid.NewGuid():N}";

    public void Dispose()
    {
        Tmux("kill-server");
        _fixture.Dispose();
    }

    [Fact]
    public async Task RunAsync_TmuxBackend_OpensOneWindowPerRunInTheNamedSessionAndRecordsTheRuns()
    {
        var marks = _fixture.Marks;
        var release = Path.Combine(marks, "release");
        var command = _fixture.Script("win.sh", $$"""
            echo "window of run $1"
            while [ ! -e {{release}} ]; do sleep 0.1; done
            echo "$WANDB_NAME" > {{marks}}/done_$1
            """);
        using var store = _fixture.OpenStore();
        var session = SweepSession.Create(store, StateKey.Of("sweep", "tmuxed"), _fixture.Plan(
            [$"{command} 0", $"{command} 1", $"{command} 2"],
            new SweepLaunchOptions { Backend = SweepBackend.Tmux, TmuxSessionName = "exp" }));
        var request = new SweepRunnerRequest { WorkerCommand = _fixture.WorkerCommand, TmuxCommand = ["tmux", "-L", _socket] };

        var report = await new SweepRunner(store).RunAsync(session, request, CancellationToken.None);

        Assert.Equal([0, 1, 2], report.Launched);
        var windows = Tmux("list-windows", "-t", "exp", "-F", "#{window_name}").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["clitest_sweep_0", "clitest_sweep_1", "clitest_sweep_2"], windows.Where(w => w.StartsWith("clitest", StringComparison.Ordinal)));
        Poll.Until(() => session.Runs().All(r => r.Status == SweepSessionRunStatus.Running), TimeSpan.FromSeconds(60), "the three windows' runs to start");
        var pane = Poll.Until(() => Tmux("capture-pane", "-p", "-t", "exp:clitest_sweep_1"), p => p.Contains("window of run 1", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "run 1's output in its window");
        Assert.Contains("window of run 1", pane, StringComparison.Ordinal);

        File.WriteAllText(release, string.Empty);

        Poll.Until(() => session.Runs().All(r => r.Status == SweepSessionRunStatus.Succeeded), TimeSpan.FromSeconds(60), "the runs to succeed");
        Assert.Equal(["clitest_sweep_0", "clitest_sweep_1", "clitest_sweep_2"], Enumerable.Range(0, 3).Select(i => File.ReadAllText(Path.Combine(marks, $"done_{i}")).Trim()));
        Assert.Equal("window of run 2\n", File.ReadAllText(Path.Combine(_fixture.Root, "train", "clitest_sweep_2", "logs", "stdout.log")));
    }

    [Fact]
    public async Task RunAsync_MissingSessionId_IsAnErrorAndOpensNothing()
    {
        using var store = _fixture.OpenStore();
        var session = SweepSession.Create(store, StateKey.Of("sweep", "noid"), _fixture.Plan(["true"], new SweepLaunchOptions { Backend = SweepBackend.Tmux, TmuxSessionId = 4242 }));

        var e = await Assert.ThrowsAsync<SlurmSearch.Sessions.SessionException>(() => new SweepRunner(store).RunAsync(session, new SweepRunnerRequest { WorkerCommand = _fixture.WorkerCommand, TmuxCommand = ["tmux", "-L", _socket] }, CancellationToken.None));

        Assert.Contains("tmux has no session $4242", e.Message, StringComparison.Ordinal);
        Assert.Equal(SweepSessionRunStatus.Pending, Assert.Single(session.Runs()).Status);
    }

    private string Tmux(params string[] arguments)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(_socket);
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("TMUX");
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
