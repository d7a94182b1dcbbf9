using System.Text.Json;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Objectives;

public sealed class CommandObjectiveTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, object?> Params() => new()
    {
        ["lr"] = 0.001,
        ["layers"] = 3L,
        ["opt"] = new Dictionary<string, object?> { ["name"] = "sgd", ["momentum"] = 0.9 },
        ["note"] = "it's here",
    };

    private TrialContext Context(object? parameters = null, Dictionary<string, string>? env = null) =>
        new("slurm:s", 7, "host:1", parameters ?? Params(), _dir.Combine("logs"), env ?? []);

    private Task<TrialResult> Run(string command, string prefix = "--", TimeSpan? timeout = null, bool? append = null, TrialContext? context = null) =>
        new CommandObjective(new ObjectiveSpec(command, prefix, append), timeout).RunAsync(context ?? Context(), CancellationToken.None);

    [Fact]
    public void CommandLine_AppendsNestedParametersWithPrefix_Quoted()
    {
        var line = new CommandObjective(new ObjectiveSpec("python train.py")).CommandLine(Params());
        Assert.Equal("python train.py --lr=0.001 --layers=3 --opt.name=sgd --opt.momentum=0.9 '--note=it'\\''s here'", line);
    }

    [Fact]
    public void CommandLine_HydraPrefix_IsNameEqualsValue()
    {
        var line = new CommandObjective(new ObjectiveSpec("train", Prefix: string.Empty)).CommandLine(new Dictionary<string, object?> { ["model.lr"] = 0.5 });
        Assert.Equal("train model.lr=0.5", line);
    }

    [Fact]
    public void CommandLine_Placeholders_AreSubstitutedAndNothingAppended()
    {
        var line = new CommandObjective(new ObjectiveSpec("run --learning-rate {lr} --opt {opt.name} ${HOME} {unknown}")).CommandLine(Params());
        Assert.Equal("run --learning-rate 0.001 --opt sgd ${HOME} {unknown}", line);
    }

    [Fact]
    public async Task Run_LastStdoutLineJson_IsTheResultWithExtraFieldsKept()
    {
        var result = await Run("echo starting; echo '{\"loss\": 0.25, \"accuracy\": 0.9}'", append: false);
        Assert.True(result.IsOk);
        Assert.Equal(0.25, result.Loss);
        Assert.Equal(0.9, result.Extra["accuracy"]);
        Assert.Contains("starting", File.ReadAllText(_dir.Combine("logs", "trial_7.out")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BareNumber_IsTheLoss()
    {
        var result = await Run("echo 1.5e-3", append: false);
        Assert.Equal(0.0015, result.Loss);
    }

    [Fact]
    public async Task Run_ResultFile_WinsOverStdout_AndEnvironmentIsSet()
    {
        var script = """
            python3 -c '
            import json, os
            p = json.loads(os.environ["SSEARCH_PARAMS"])
            out = {"loss": p["lr"] * 1000, "session": os.environ["SSEARCH_SESSION"], "tid": os.environ["SSEARCH_TRIAL_ID"],
                   "worker": os.environ["SSEARCH_WORKER_ID"], "gpu": os.environ.get("CUDA_VISIBLE_DEVICES")}
            json.dump(out, open(os.environ["SSEARCH_RESULT"], "w"))
            print("999")'
            """;
        var result = await Run(script, append: false, context: Context(env: new() { ["CUDA_VISIBLE_DEVICES"] = "3" }));
        Assert.True(result.IsOk, result.Error);
        Assert.Equal(1.0, result.Loss!.Value, 9);
        Assert.Equal("slurm:s", result.Extra["session"]);
        Assert.Equal("7", result.Extra["tid"]);
        Assert.Equal("host:1", result.Extra["worker"]);
        Assert.Equal("3", result.Extra["gpu"]);
    }

    [Fact]
    public async Task Run_NonZeroExit_FailsWithExitCodeAndStderrTail()
    {
        var result = await Run("echo oops >&2; exit 3");
        Assert.False(result.IsOk);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("exit code 3: oops", result.Error);
        Assert.Contains("oops", (string)result.Extra["stderr_tail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingCommand_FailsWith127()
    {
        var result = await Run("definitely-not-a-command-xyz");
        Assert.False(result.IsOk);
        Assert.Equal(127, result.ExitCode);
    }

    [Fact]
    public async Task Run_OutputThatIsNotJson_FailsNamingIt()
    {
        var result = await Run("echo all done", append: false);
        Assert.False(result.IsOk);
        Assert.Contains("neither JSON nor a number: all done", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JsonWithoutLoss_Fails()
    {
        var result = await Run("echo '{\"accuracy\": 1}'", append: false);
        Assert.False(result.IsOk);
        Assert.Contains("no numeric \"loss\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Timeout_KillsAndFails()
    {
        var result = await Run("sleep 30", timeout: TimeSpan.FromMilliseconds(300), append: false);
        Assert.False(result.IsOk);
        Assert.StartsWith("timed out after 0.3 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Cancelled_StopsTheCommandAndThrows()
    {
        using var cancel = new CancellationTokenSource();
        var marker = _dir.Combine("terminated");
        var ready = _dir.Combine("ready");
        var run = new CommandObjective(new ObjectiveSpec($"trap 'touch {marker}; exit 0' TERM; touch {ready}; while true; do sleep 0.05; done", AppendArguments: false))
            .RunAsync(Context(), cancel.Token);
        await WaitFor(() => File.Exists(ready));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(File.Exists(marker), "the objective got SIGTERM first");
    }

    [Fact]
    public async Task Run_ParamsJson_IsTheParameterTreeExactly()
    {
        var result = await Run("printf '%s' \"$SSEARCH_PARAMS\" >&2; exit 1", append: false);
        Assert.Equal("{\"lr\":0.001,\"layers\":3,\"opt\":{\"name\":\"sgd\",\"momentum\":0.9},\"note\":\"it\\u0027s here\"}", result.Extra["stderr_tail"]);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Run_Cancelled_StopsGrandchildrenToo_AndReturnsPromptly()
    {
        using var cancel = new CancellationTokenSource();
        var ready = _dir.Combine("ready");
        // A grandchild that ignores nothing but would hold the output pipes for 300 s if only the shell died.
        var run = new CommandObjective(new ObjectiveSpec($"touch {ready}; sleep 300; echo 1", AppendArguments: false)).RunAsync(Context(), cancel.Token);
        await WaitFor(() => File.Exists(ready));
        var stopped = System.Diagnostics.Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(60), $"the objective's process group did not stop ({stopped.Elapsed})");
    }

    [Fact]
    public async Task Run_ChildHasItsOwnSession_NoIgnoredOrBlockedSignals_AndStdinAtEnd()
    {
        // Field 6 of /proc/PID/stat is the session id; SigIgn/SigBlk are the ignored and blocked signal masks (hex; bit
        // n-1 is signal n). The runtime ignores SIGPIPE itself: an objective's pipeline (yes | head) must
        // not inherit that. (glibc's posix_spawn leaves its own two internal signals, 32 and 33, ignored.)
        var result = await Run(
            "sid=$(cut -d' ' -f6 /proc/$$/stat); [ \"$sid\" = \"$$\" ] || { echo \"session $sid, pid $$\" >&2; exit 3; }; "
            + "grep -E '^(SigIgn|SigBlk)' /proc/$$/status >&2; "
            + "for mask in SigIgn SigBlk; do bits=$(awk -v m=$mask: '$1 == m {print $2}' /proc/$$/status); "
            + "[ $((0x$bits & 0x7fffffff)) -eq 0 ] || exit 4; done; "
            + "if read line; then exit 5; fi; echo 0",
            append: false);
        Assert.True(result.IsOk, result.Error);
    }

    [Fact]
    public async Task Run_WhatTheShellLeftRunning_IsTerminatedWhenTheTrialEnds()
    {
        var pidFile = _dir.Combine("bg.pid");
        var result = await Run($"sleep 300 & echo $! > {pidFile}; echo 0", append: false);
        Assert.True(result.IsOk, result.Error);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitFor(() => !File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z");
    }

    [Fact]
    public async Task Run_ResumedTrial_ReadsOnlyItsOwnOutput_ThoughTheLogKeepsBoth()
    {
        var first = await Run("echo '{\"loss\": 5}'; echo first-attempt >&2", append: false);
        Assert.Equal(5.0, first.Loss);

        var second = await Run("echo second-attempt >&2; exit 2", append: false);
        Assert.False(second.IsOk);
        Assert.Equal("exit code 2: second-attempt", second.Error);
        Assert.Equal("second-attempt\n", second.Extra["stderr_tail"]);

        var third = await Run("true", append: false);
        Assert.False(third.IsOk);
        Assert.StartsWith("no result", third.Error, StringComparison.Ordinal);
        Assert.Equal("first-attempt\nsecond-attempt\n", File.ReadAllText(_dir.Combine("logs", "trial_7.err")));
    }

    [Fact]
    public async Task Run_LogDirectoryNotWritable_FailsToStartNamingIt()
    {
        var logs = _dir.Combine("logs");
        Directory.CreateDirectory(logs);
        Directory.CreateDirectory(Path.Combine(logs, "trial_7.out")); // a directory where the log file should go
        var e = await Assert.ThrowsAsync<SessionException>(() => Run("echo 0", append: false));
        Assert.Contains("could not start /bin/sh", e.Message, StringComparison.Ordinal);
        Assert.Contains("trial_7.out", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ManyAtOnce_EachGetsItsOwnExitStatus()
    {
        // Children end in a scrambled order while others still run: every trial must get the status of its own child.
        var runs = Enumerable.Range(0, 24).Select(i => new CommandObjective(new ObjectiveSpec($"sleep 0.{(i * 7) % 10}; exit {i}", AppendArguments: false))
            .RunAsync(new TrialContext("slurm:s", i, "host:1", Params(), _dir.Combine("logs"), new Dictionary<string, string>()), CancellationToken.None)).ToList();
        var results = await Task.WhenAll(runs);
        Assert.False(results[0].IsOk); // exit 0 without output: no result
        Assert.Equal(Enumerable.Range(1, 23).Select(i => (int?)i), results.Skip(1).Select(r => r.ExitCode));
    }
}
