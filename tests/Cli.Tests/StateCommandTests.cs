using SlurmSearch.Store;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Cli.Tests;

public sealed class StateCommandTests : IDisposable
{
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void StateShowJson_OriginalFixtures_PrintTheLossesPythonSees()
    {
        foreach (var fixture in new[] { "tpe_objref", "rand_complete_plain" })
        {
            var dir = _home.Combine("slurm", fixture);
            Directory.CreateDirectory(dir);
            File.Copy(Repository.PathOf("tests", "Store.Tests", "Fixtures", "slurm_search", fixture, "session_state.pickle"), Path.Combine(dir, "session_state.pickle"));

            var result = CliRunner.Run("--home", _home.Path, "state", "show", $"slurm:{fixture}", "--json");
            Assert.True(result.ExitCode == 0, result.Stderr);
            using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
            var ours = json.RootElement.GetProperty("trials").EnumerateArray()
                .Select(t => t.GetProperty("result"))
                .Where(r => r.GetProperty("status").GetString() == "ok")
                .Select(r => r.GetProperty("loss").GetDouble())
                .ToList();

            var python = Python.Check("""
                import pickle, sys, json
                class Stub:
                    def __init__(self, *a, **k): pass
                    def __setstate__(self, s): pass
                class Loader(pickle.Unpickler):
                    def find_class(self, module, name):
                        if module in ('datetime',): return super().find_class(module, name)
                        if module.startswith('numpy') and name == 'scalar':
                            import struct
                            return lambda dtype, raw: struct.unpack('<d', raw)[0] if len(raw) == 8 else raw
                        return Stub
                state = Loader(open(sys.argv[1], 'rb')).load()
                print(json.dumps([t['result']['loss'] for t in state['trials'] if t['result']['status'] == 'ok']))
                """, [Path.Combine(dir, "session_state.pickle")]);
            var theirs = System.Text.Json.JsonSerializer.Deserialize<List<double>>(python)!;
            Assert.Equal(theirs, ours);
            Assert.NotEmpty(ours);
        }
    }

    [Fact]
    public void StateList_ShowsKeysByType()
    {
        using (var store = new PickleDirectoryStore(_home.Path))
        {
            store.Create(StateKey.Of("slurm", "a"), new PyDict());
            store.Create(StateKey.Of("exp", "b"), new PyDict());
        }

        var all = CliRunner.Run("--home", _home.Path, "state", "list", "--json");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("\"key\":\"exp:b\"", all.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"key\":\"slurm:a\"", all.Stdout, StringComparison.Ordinal);

        var slurm = CliRunner.Run("--home", _home.Path, "state", "list", "slurm");
        Assert.Contains("slurm:a", slurm.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("exp:b", slurm.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void StateExport_WritesPickleThatPythonLoads()
    {
        using (var store = new PickleDirectoryStore(_home.Path))
        {
            store.Create(StateKey.Of("slurm", "x"), new PyDict { ["trials"] = new PyList(1, 2), ["t"] = new PyTuple(1, "a") });
            store.Transact(StateKey.Of("slurm", "x"), tx => tx.Append(["trials"], 3));
        }

        var file = _home.Combine("out.pickle");
        var result = CliRunner.Run("--home", _home.Path, "state", "export", "slurm:x", file);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("[1, 2, 3] ('t', (1, 'a'))", Python.Check("import pickle,sys; s=pickle.load(open(sys.argv[1],'rb')); print(s['trials'], ('t', s['t']))", [file]).Trim());
    }

    [Theory]
    [InlineData(new[] { "state", "show", "slurm:missing" }, 2, "no state 'slurm:missing'")]
    [InlineData(new[] { "state", "show", "slurm:../etc" }, 2, "invalid key 'slurm:../etc'")]
    [InlineData(new[] { "state", "show" }, 1, "error:")]
    [InlineData(new[] { "state", "frobnicate" }, 1, "error:")]
    [InlineData(new[] { "--backend", "mongo", "state", "list" }, 1, "error:")]
    public void BadInput_OneLineError_DocumentedExitCode(string[] args, int code, string message)
    {
        var result = CliRunner.Run(["--home", _home.Path, .. args]);
        Assert.Equal(code, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void StateShow_CorruptState_ReportsPathAndOffset_ExitCode3()
    {
        var dir = _home.Combine("slurm", "bad");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "session_state.pickle"), [0x80, 0x04, 0x95, 0xff]);
        var result = CliRunner.Run("--home", _home.Path, "state", "show", "slurm:bad");
        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"^error: .*session_state\.pickle: corrupt at byte \d+", result.Stderr);
    }

    [Fact]
    public void Strict_RefusesAStateWithForeignGlobals_LenientShowsThemInert()
    {
        var dir = _home.Combine("slurm", "tpe_objref");
        Directory.CreateDirectory(dir);
        File.Copy(Repository.PathOf("tests", "Store.Tests", "Fixtures", "slurm_search", "tpe_objref", "session_state.pickle"), Path.Combine(dir, "session_state.pickle"));

        var strict = CliRunner.Run("--home", _home.Path, "--strict", "state", "show", "slurm:tpe_objref");
        Assert.Equal(3, strict.ExitCode);
        Assert.Matches(@"^error: .*refused global ", strict.Stderr);

        var lenient = CliRunner.Run("--home", _home.Path, "state", "show", "slurm:tpe_objref", "--json");
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("\"__python__\": \"hyperopt.pyll.base.Apply\"", lenient.Stdout, StringComparison.Ordinal);
    }
}
