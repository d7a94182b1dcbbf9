using System.Text.Json;
using SlurmSearch.Search.Grid;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Search.Tests.Grid;

public sealed class ParamGridTests
{
    // Sample Factory's documentation example: a seed list and two tied pairs.
    private static ParamGrid SampleFactoryExample() => new([
        ParamGridEntry.Single("seed", [1111L, 2222L, 3333L, 4444L]),
        ParamGridEntry.Tied(["serial_mode", "async_rl"], [[true, false], [false, true]]),
        ParamGridEntry.Tied(["use_rnn", "recurrence"], [[false, 1L], [true, 16L]]),
    ]);

    [Fact]
    public void Generate_SampleFactoryExample_LastEntryVariesFastestAndTiedValuesStayTogether()
    {
        var grid = SampleFactoryExample();

        var combinations = grid.Generate().ToList();

        Assert.Equal(16, grid.Count);
        Assert.Equal(16, combinations.Count);
        Assert.Equal(["seed", "serial_mode", "async_rl", "use_rnn", "recurrence"], grid.Parameters);
        Assert.Equal(
            new Dictionary<string, object?> { ["seed"] = 1111L, ["serial_mode"] = true, ["async_rl"] = false, ["use_rnn"] = false, ["recurrence"] = 1L },
            combinations[0]);
        Assert.Equal(
            new Dictionary<string, object?> { ["seed"] = 1111L, ["serial_mode"] = true, ["async_rl"] = false, ["use_rnn"] = true, ["recurrence"] = 16L },
            combinations[1]);
        Assert.Equal(
            new Dictionary<string, object?> { ["seed"] = 1111L, ["serial_mode"] = false, ["async_rl"] = true, ["use_rnn"] = false, ["recurrence"] = 1L },
            combinations[2]);
        Assert.Equal(2222L, combinations[4]["seed"]);
        Assert.All(combinations, c => Assert.Equal(c["use_rnn"] is true, c["recurrence"] is 16L));
        Assert.All(combinations, c => Assert.Equal(grid.Parameters, c.Keys));
    }

    [Fact]
    public void Generate_Order_MatchesPythonItertoolsProduct()
    {
        var grid = new ParamGrid([
            ParamGridEntry.Single("a", [1L, 2L, 3L]),
            ParamGridEntry.Tied(["b", "c"], [["x", 0.5], ["y", 1.5]]),
            ParamGridEntry.Single("d", [true, false]),
        ]);

        var python = Python.Check(
            """
            import itertools, json
            grid = [(("a",), [(1,), (2,), (3,)]), (("b", "c"), [("x", 0.5), ("y", 1.5)]), (("d",), [(True,), (False,)])]
            out = []
            for combo in itertools.product(*[values for _, values in grid]):
                d = {}
                for (names, _), values in zip(grid, combo):
                    d.update(zip(names, values))
                out.append(d)
            print(json.dumps(out))
            """);

        var ours = JsonSerializer.Serialize(grid.Generate());
        Assert.Equal(JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(python)), ours);
    }

    [Fact]
    public void Generate_Randomized_IsASeededPermutation()
    {
        var grid = SampleFactoryExample();
        var ordered = grid.Generate().Select(Key).ToList();

        var first = grid.Generate(randomize: true, new Random(1)).Select(Key).ToList();
        var again = grid.Generate(randomize: true, new Random(1)).Select(Key).ToList();
        var other = grid.Generate(randomize: true, new Random(2)).Select(Key).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(ordered, first);
        Assert.NotEqual(first, other);
        Assert.Equal(ordered.Order(StringComparer.Ordinal), first.Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentNullException>(() => grid.Generate(randomize: true));
    }

    [Fact]
    public void Generate_NoEntries_YieldsOneEmptyCombination()
    {
        var grid = new ParamGrid([]);

        Assert.Equal(1, grid.Count);
        Assert.Empty(Assert.Single(grid.Generate()));
    }

    [Fact]
    public void Constructor_ParameterInTwoEntries_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new ParamGrid([
            ParamGridEntry.Single("seed", [1L]), ParamGridEntry.Tied(["lr", "seed"], [[0.1, 2L]])]));

        Assert.StartsWith("grid parameter 'seed' appears in more than one entry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tied_TupleOfTheWrongLength_ThrowsNamingTheEntry()
    {
        var error = Assert.Throws<ArgumentException>(() => ParamGridEntry.Tied(["use_rnn", "recurrence"], [[false, 1L], [true, 16L, 3L]]));

        Assert.StartsWith("value 1 of tied grid parameters (use_rnn, recurrence) has 3 items, expected 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_EmptyValueListsOrForeignTypes_Throw()
    {
        Assert.StartsWith("grid parameter 'seed' has an empty list of values",
            Assert.Throws<ArgumentException>(() => ParamGridEntry.Single("seed", [])).Message, StringComparison.Ordinal);
        Assert.StartsWith("tied grid parameters (a, b) have an empty list of values",
            Assert.Throws<ArgumentException>(() => ParamGridEntry.Tied(["a", "b"], [])).Message, StringComparison.Ordinal);
        Assert.StartsWith("tied grid parameters (a, a) repeat a name",
            Assert.Throws<ArgumentException>(() => ParamGridEntry.Tied(["a", "a"], [[1L, 2L]])).Message, StringComparison.Ordinal);
        Assert.StartsWith("value 1 of grid parameter 'x' is a DateTime",
            Assert.Throws<ArgumentException>(() => ParamGridEntry.Single("x", [1L, DateTime.UnixEpoch])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOverrides_HydraSweeps_BuildAGridInOrder()
    {
        var grid = ParamGrid.ParseOverrides(["optimizer=sgd,adam", "seed=range(3)"]);

        Assert.Equal(6, grid.Count);
        Assert.Equal(
            [("sgd", 0L), ("sgd", 1L), ("sgd", 2L), ("adam", 0L), ("adam", 1L), ("adam", 2L)],
            grid.Generate().Select(c => ((string)c["optimizer"]!, (long)c["seed"]!)));
        Assert.StartsWith("sweep override 'seed' is not name=values",
            Assert.Throws<FormatException>(() => ParamGrid.ParseOverrides(["seed"])).Message, StringComparison.Ordinal);
    }

    private static string Key(Dictionary<string, object?> combination) => string.Join(",", combination.Select(p => $"{p.Key}={p.Value}"));
}
