using SlurmSearch.TestUtilities;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>Python as the oracle: runs snippets that see the pickle under test as <c>data</c> and the golden helpers on <c>sys.path</c>.</summary>
internal static class PickleOracle
{
    /// <summary>The golden folder as copied next to the test assembly.</summary>
    public static string GoldenDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Pickle", "Golden");

    /// <summary>The session states the original Python tool wrote, as copied next to the test assembly.</summary>
    public static string FixtureDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "slurm_search");

    public static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(GoldenDirectory, name));

    public static byte[] Fixture(string session) => File.ReadAllBytes(Path.Combine(FixtureDirectory, session, "session_state.pickle"));

    /// <summary>Runs <paramref name="body"/> with <c>data</c> = the given bytes (via stdin) and returns its trimmed stdout.</summary>
    public static string Run(string body, byte[] data)
    {
        const string Prelude = "import sys, io, pickle, pickletools\nsys.path.insert(0, sys.argv[1])\ndata = sys.stdin.buffer.read()\n";
        return Python.Check(Prelude + body, [GoldenDirectory], data).Trim();
    }

    /// <summary>Python's <c>pickle.dumps(pickle.loads(data), protocol)</c>: what CPython writes for the graph it read from our bytes.</summary>
    public static byte[] Redump(byte[] data, int protocol) =>
        Convert.FromHexString(Run($"import foreign\nsys.stdout.write(pickle.dumps(pickle.loads(data), protocol={protocol}).hex())", data));
}
