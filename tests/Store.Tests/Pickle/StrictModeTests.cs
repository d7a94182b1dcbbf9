using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>Nothing in a pickle runs; strict reading refuses whatever is not a known built-in, datetime or numpy global.</summary>
public sealed class StrictModeTests
{
    private static readonly PickleReaderOptions Strict = new() { Strict = true };

    [Fact]
    public void Read_ReduceOfOsSystem_InertValueAndNothingRuns()
    {
        using var temp = new TempDirectory();
        var marker = temp.Combine("pwned-" + Guid.NewGuid().ToString("N"));
        var pickle = MaliciousPickle(marker);

        var value = Assert.IsType<PyOpaque>(PickleReader.Read(pickle));

        Assert.Contains(value.Callable.FullName, new[] { "posix.system", "os.system" });
        Assert.Equal(new PyTuple("touch " + marker), value.Args);
        Assert.False(File.Exists(marker));

        // Written back, it is the same call again (we neither run nor defuse what we do not own), and Python agrees it is one.
        Assert.Equal(Convert.ToHexString(pickle), Convert.ToHexString(PickleWriter.Write(value)));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Read_ReduceOfOsSystemStrict_RefusedNamingTheGlobalAndOffset()
    {
        using var temp = new TempDirectory();
        var marker = temp.Combine("pwned-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<PickleRefusedException>(() => PickleReader.Read(MaliciousPickle(marker), Strict));

        Assert.Matches(@"refused global (posix|os)\.system at byte \d+", error.Message);
        Assert.Contains(error.Global, new[] { "posix.system", "os.system" });
        Assert.Equal("pwned.pickle: refused", error.WithPath("pwned.pickle").Message[..21]);
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("rich_p0.pickle")]
    [InlineData("rich_p2.pickle")]
    [InlineData("rich_p4.pickle")]
    [InlineData("numpy_p4.pickle")]
    public void Read_BuiltInDatetimeAndNumpyPickles_AllowedInStrictMode(string golden)
    {
        var bytes = PickleOracle.Golden(golden);

        Assert.Equal(PickleReader.Read(bytes), PickleReader.Read(bytes, Strict));
    }

    [Fact]
    public void Read_FixtureWithForeignObjectsStrict_RefusedAtTheFirstForeignGlobal()
    {
        var error = Assert.Throws<PickleRefusedException>(() => PickleReader.Read(PickleOracle.Fixture("tpe_objref"), Strict));

        Assert.Equal("hyperopt.pyll.base.Apply", error.Global);
        Assert.True(error.Offset > 0);
    }

    [Fact]
    public void Read_StrictWithAllowList_ModuleWildcardsAndExactNamesLetThrough()
    {
        var options = Strict with { AllowedGlobals = ["hyperopt.*", "make_slurm_states.objective"] };

        var state = (PyDict)PickleReader.Read(PickleOracle.Fixture("tpe_objref"), options);

        Assert.Equal(new PyGlobal("make_slurm_states", "objective"), state["objective"]);
        Assert.Throws<PickleRefusedException>(() => PickleReader.Read(PickleOracle.Fixture("tpe_objref"), Strict with { AllowedGlobals = ["hyperopt.pyll.*"] }));
    }

    [Fact]
    public void KnownGlobals_AreTheOnesTheReaderEvaluates()
    {
        Assert.Superset(
            new HashSet<string> { "builtins.set", "builtins.frozenset", "builtins.bytearray", "datetime.datetime", "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar", "_codecs.encode" },
            new HashSet<string>(PickleReaderOptions.KnownGlobals));
        Assert.DoesNotContain("builtins.getattr", PickleReaderOptions.KnownGlobals);
        Assert.DoesNotContain("builtins.eval", PickleReaderOptions.KnownGlobals);
    }

    [Fact]
    public void Validate_InvalidOptions_AllProblemsInOneError()
    {
        var error = Assert.Throws<ArgumentException>(() => PickleReader.Read([0x4e, 0x2e], new PickleReaderOptions { Encoding = "koi8", MaxDepth = 0 }));

        Assert.Contains("koi8", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDepth 0", error.Message, StringComparison.Ordinal);
    }

    // The classic exploit: __reduce__ returning (os.system, (command,)), pickled by Python itself.
    private static byte[] MaliciousPickle(string marker) => Convert.FromHexString(PickleOracle.Run(
        $$"""
        import os
        class X:
            def __reduce__(self):
                return (os.system, ('touch {{marker}}',))
        sys.stdout.write(pickle.dumps(X(), protocol=4).hex())
        """,
        []));
}
