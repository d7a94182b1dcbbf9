using SlurmSearch.Sessions.Slurm;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Slurm;

public sealed class SbatchScriptTests
{
    private static SbatchOptions Full() => new()
    {
        JobName = "hp search",
        Command = ["/opt/ssearch/ssearch", "work_on", "slurm:mnist lr", "--param=it's", "$HOME"],
        ArraySize = 8,
        ArrayThrottle = 4,
        Output = "/data/hp/slurm/mnist/logs/worker_%A_%a.out",
        Error = "/data/hp/slurm/mnist/logs/worker_%A_%a.err",
        WorkingDirectory = "/data/project",
        Resources = new SlurmResources
        {
            Partition = "gpu",
            Account = "lab",
            Qos = "normal",
            Time = "2:00:00",
            Nodes = 1,
            CpusPerTask = 4,
            Mem = "16G",
            Gres = "gpu:a40:1",
            Constraint = "a40|a100",
            Comment = "mnist # search",
            Exclude = ["gpu-03", "gpu-07"],
            Extra = ["--reservation=ml-week", "#SBATCH --mail-type=FAIL"],
            Setup = ["ulimit -n 4096"],
        },
        SignalBeforeTimeLimit = TimeSpan.FromMinutes(5),
        Requeue = true,
        ModuleLoads = ["cuda/12.1", "cudnn"],
        CondaEnv = "my env",
        Venv = "/data/project/.venv/",
        EnvironmentVariables = [new("WANDB_MODE", "offline"), new("GREETING", "it's $HOME")],
    };

    [Fact]
    public void Create_AllOptions_MatchesGoldenFile() =>
        Golden.AssertMatches("worker-full.sbatch", SbatchScript.Create(Full()).Text);

    [Fact]
    public void Create_MinimalOptions_MatchesGoldenFile() =>
        Golden.AssertMatches("worker-minimal.sbatch", SbatchScript.Create(new SbatchOptions { JobName = "w", Command = ["python3", "train.py"] }).Text);

    [Fact]
    public void Create_SameOptionsTwice_GivesSameBytes() =>
        Assert.Equal(SbatchScript.Create(Full()).Text, SbatchScript.Create(Full()).Text);

    [Fact]
    public void Create_Template_MatchesGoldenFile()
    {
        var template = File.ReadAllText(Golden.PathOf("template.sbatch.in"));
        var text = SbatchScript.Create(Full() with { Template = template }).Text;
        Golden.AssertMatches("template.sbatch", text);
        Assert.Contains("${SLURM_JOB_ID}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AnyScript_PassesBashSyntaxCheck()
    {
        using var dir = new TempDirectory();
        var scripts = new[]
        {
            SbatchScript.Create(Full()),
            SbatchScript.Create(new SbatchOptions { JobName = "w", Command = ["true"] }),
            SbatchScript.Create(Full() with { Template = File.ReadAllText(Golden.PathOf("template.sbatch.in")) }),
        };
        for (var i = 0; i < scripts.Length; i++)
        {
            var path = dir.Combine($"s{i}.sh");
            File.WriteAllText(path, scripts[i].Text);
            var result = Bash.Run(["-n", path]);
            Assert.True(result.ExitCode == 0, $"bash -n rejected script {i}: {result.Stderr}");
        }
    }

    [Fact]
    public void Directives_AllOptions_InFixedOrderWithQuotingWhereSbatchNeedsIt()
    {
        var directives = SbatchScript.Create(Full()).Directives;
        Assert.Equal(
            [
                "#SBATCH --job-name=\"hp search\"",
                "#SBATCH --array=0-7%4",
                "#SBATCH --output=/data/hp/slurm/mnist/logs/worker_%A_%a.out",
                "#SBATCH --error=/data/hp/slurm/mnist/logs/worker_%A_%a.err",
                "#SBATCH --chdir=/data/project",
                "#SBATCH --partition=gpu",
                "#SBATCH --account=lab",
                "#SBATCH --qos=normal",
                "#SBATCH --time=2:00:00",
                "#SBATCH --nodes=1",
                "#SBATCH --cpus-per-task=4",
                "#SBATCH --mem=16G",
                "#SBATCH --gres=gpu:a40:1",
                "#SBATCH --constraint=a40|a100",
                "#SBATCH --exclude=gpu-03,gpu-07",
                "#SBATCH --comment=\"mnist # search\"",
                "#SBATCH --signal=B:USR1@300",
                "#SBATCH --requeue",
                "#SBATCH --open-mode=append",
                "#SBATCH --reservation=ml-week",
                "#SBATCH --mail-type=FAIL",
            ],
            directives);
    }

    [Theory]
    [InlineData(1, "#SBATCH --array=0")]
    [InlineData(3, "#SBATCH --array=0-2")]
    public void Create_ArraySize_GivesZeroBasedRange(int size, string expected) =>
        Assert.Contains(expected, SbatchScript.Create(new SbatchOptions { JobName = "w", Command = ["true"], ArraySize = size }).Directives);

    [Fact]
    public void Create_ManyBadOptions_ReportsEveryProblemAtOnce()
    {
        var options = new SbatchOptions
        {
            JobName = "bad\nname",
            Command = [],
            ArraySize = 0,
            Output = "logs/%A/out.txt",
            Resources = new SlurmResources { Time = "soon", Mem = "lots", CpusPerTask = 0, Extra = ["reservation=x"] },
            EnvironmentVariables = [new("1BAD", "x")],
        };
        var e = Assert.Throws<SbatchScriptException>(() => SbatchScript.Create(options));
        Assert.Equal(10, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("job name", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("Command is empty", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("ArraySize", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("must be absolute", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("%-placeholder in its directory", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("'soon'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("'lots'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("cpus per task", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("'reservation=x'", StringComparison.Ordinal));
        Assert.Contains("1BAD", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SignalMarginLongerThanTimeLimit_IsRejected()
    {
        var options = new SbatchOptions { JobName = "w", Command = ["true"], Resources = new SlurmResources { Time = "1" }, SignalBeforeTimeLimit = TimeSpan.FromSeconds(61) };
        var e = Assert.Throws<SbatchScriptException>(() => SbatchScript.Create(options));
        Assert.Contains("SignalBeforeTimeLimit (61 s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --signal=B:USR1@60", SbatchScript.Create(options with { SignalBeforeTimeLimit = TimeSpan.FromSeconds(60) }).Directives);
    }

    [Fact]
    public void Create_TemplateWithUnknownPlaceholders_NamesThemWithLines()
    {
        var template = "#!/bin/bash\n{sbatch_directives}\n{conda}\necho ${HOME} {a,b}\n{command}\n{workdir} {conda}\n";
        var e = Assert.Throws<SbatchScriptException>(() => SbatchScript.Create(Full() with { Template = template }));
        Assert.Contains("{conda} (line 3, 6)", e.Message, StringComparison.Ordinal);
        Assert.Contains("{workdir} (line 6)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("{HOME}", e.Message, StringComparison.Ordinal);
        Assert.Contains("known: {job_name}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TemplateWithoutCommandOrDirectivesOrShebang_ListsEachProblem()
    {
        var e = Assert.Throws<SbatchScriptException>(() => SbatchScript.Create(Full() with { Template = "echo hi\n" }));
        Assert.Equal(3, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("#!/bin/bash", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("no {command}", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("no {sbatch_directives}", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteTo_Path_WritesExecutableScriptAndCreatesLogDirectories()
    {
        using var dir = new TempDirectory();
        var script = SbatchScript.Create(new SbatchOptions
        {
            JobName = "w",
            Command = ["true"],
            Output = dir.Combine("logs a", "o_%A_%a.out"),
            Error = dir.Combine("errs", "e_%j.err"),
        });
        var path = dir.Combine("scripts", "w.sbatch");
        script.WriteTo(path);
        Assert.Equal(script.Text, File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
        }

        Assert.True(Directory.Exists(dir.Combine("logs a")));
        Assert.True(Directory.Exists(dir.Combine("errs")));
        Assert.Equal([dir.Combine("logs a"), dir.Combine("errs")], script.OutputDirectories);
    }

    [Fact]
    public void Script_RunByBash_PassesArgumentsAndEnvironmentExactly()
    {
        using var dir = new TempDirectory();
        var args = new[] { "two words", "it's", "$HOME", "*", "--x=1", "tab\there", "new\nline", "" };
        var script = SbatchScript.Create(new SbatchOptions
        {
            JobName = "w",
            Command = ["python3", "-c", "import os, sys; sys.stdout.write('\\0'.join(sys.argv[1:] + [os.environ['GREETING']]))", .. args],
            EnvironmentVariables = [new("GREETING", "it's $HOME \"quoted\"")],
        });
        var path = dir.Combine("w.sh");
        script.WriteTo(path);
        var result = Bash.Run([path], workingDirectory: dir.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal([.. args, "it's $HOME \"quoted\""], result.Stdout.Split('\0'));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Script_RunByBash_ExitsWithTheWorkersStatus(int status)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("w.sh");
        SbatchScript.Create(new SbatchOptions { JobName = "w", Command = ["sh", "-c", $"exit {status}"] }).WriteTo(path);
        Assert.Equal(status, Bash.Run([path]).ExitCode);
    }

    [Fact]
    public void Script_FailingSetupStep_EndsBeforeTheWorkerRuns()
    {
        using var dir = new TempDirectory();
        var marker = dir.Combine("worker-ran");
        var path = dir.Combine("w.sh");
        SbatchScript.Create(new SbatchOptions
        {
            JobName = "w",
            Command = ["touch", marker],
            Resources = new SlurmResources { Setup = ["false"] },
        }).WriteTo(path);
        Assert.NotEqual(0, Bash.Run([path]).ExitCode);
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("USR1", 0)]
    [InlineData("USR1", 5)]
    [InlineData("TERM", 3)]
    public void Script_SignalToBatchShell_IsForwardedToTheWorker(string signal, int workerExit)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("w.sh");
        SbatchScript.Create(new SbatchOptions { JobName = "w", Command = ["python3", "-c", SignalWorker.Source, dir.Path, workerExit.ToString(System.Globalization.CultureInfo.InvariantCulture)] }).WriteTo(path);
        using var bash = Bash.Start([path]);
        Poll.Until(() => File.Exists(dir.Combine("started")), TimeSpan.FromSeconds(30), "the worker to start");

        // Only the batch shell is signalled, as Slurm does for --signal=B:… and scancel --batch.
        Assert.Equal(0, Bash.Run(["-c", $"kill -s {signal} {bash.Id}"]).ExitCode);
        var result = Bash.Finish(bash, TimeSpan.FromSeconds(30));
        Assert.Equal($"got {signal}", File.ReadAllText(dir.Combine("signal")));
        Assert.Equal(workerExit, result.ExitCode);
    }
}
