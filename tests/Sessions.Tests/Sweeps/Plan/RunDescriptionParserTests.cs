using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

public sealed class RunDescriptionParserTests
{
    [Fact]
    public void Parse_FullDescription_ReadsSettingsExperimentsAndValuesAsWritten()
    {
        var run = RunDescription.Parse("""
            run "doom_basic_envs_appo" {
                param_prefix = ""
                experiment_arg_name = "--name"
                experiment_dir_arg_name = "--root"
                customize_experiment_name = false
                experiment basic {
                    command = "python -m train --x=\"a b\""
                    randomize = true
                    env { A = 1, B = "two" }
                    grid {
                        optim.lr: [1e-6, -0.5, +3, 5E-3]
                        "odd-name": [True, none, "quoted string"]
                    }
                }
            }
            """, "d.sweep");

        Assert.Equal("doom_basic_envs_appo", run.Name);
        Assert.Equal(("", "--name", "--root", false), (run.ParamPrefix, run.ExperimentArgName, run.ExperimentDirArgName, run.CustomizeExperimentName));
        var experiment = Assert.Single(run.Experiments);
        Assert.Equal("python -m train --x=\"a b\"", experiment.Command);
        Assert.True(experiment.Randomize);
        Assert.Equal([new("A", "1"), new("B", "two")], experiment.Environment);
        Assert.Equal(["optim.lr", "odd-name"], experiment.Grid.Parameters);
        Assert.Equal(["1e-6", "-0.5", "+3", "5E-3"], experiment.Grid.Entries[0].Values.Select(v => (string?)v[0]));
        Assert.Equal(["True", "none", "quoted string"], experiment.Grid.Entries[1].Values.Select(v => (string?)v[0]));
    }

    [Fact]
    public void Parse_Defaults_AreSampleFactorys()
    {
        var run = RunDescription.Parse("run r { experiment e { command = \"x\" } }", "d.sweep");

        Assert.Equal(("--", "--experiment", "--train_dir", true), (run.ParamPrefix, run.ExperimentArgName, run.ExperimentDirArgName, run.CustomizeExperimentName));
        Assert.False(run.Experiments[0].Randomize);
        Assert.Equal(1, run.Experiments[0].Grid.Count);
    }

    [Fact]
    public void Parse_TiedTuplesInEitherBracketStyle_GiveTheSameEntry()
    {
        var a = RunDescription.Parse("run r { experiment e { command = \"x\" grid { (use_rnn, recurrence): ([false, 1], [true, 16]) } } }", "a.sweep");
        var b = RunDescription.Parse("run r { experiment e { command = \"x\" grid { (use_rnn, recurrence): [(false, 1), (true, 16),] } } }", "b.sweep");

        Assert.Equal(a.Experiments[0].Grid.Entries[0], b.Experiments[0].Grid.Entries[0]);
        Assert.True(a.Experiments[0].Grid.Entries[0].IsTied);
        Assert.Equal(2, a.Experiments[0].Grid.Count);
    }

    [Theory]
    [InlineData("run r { experiment e { command = \"x\"\ngrid { a: [] } } }", 2, 11, "values of 'a' are an empty list")]
    [InlineData("run r { experiment e { command = \"x\"\ngrid { a: 5 } } }", 2, 11, "values of 'a' must be a list such as [a, b]; found number 5")]
    [InlineData("run r { experiment e { command = \"x\"\ngrid { (a, b): ([1, 2], [3]) } } }", 2, 25, "value 1 of tied parameters (a, b) has 1 item, expected 2")]
    [InlineData("run r { experiment e { command = \"x\"\ngrid { (a, b): () } } }", 2, 16, "tied parameters (a, b) have an empty list of values")]
    [InlineData("run r { experiment e { command = \"x\"\ngrid { a: [1]\n a: [2] } } }", 3, 2, "parameter 'a' appears twice in the grid (first on line 2)")]
    [InlineData("run r { experiment e { command = \"x\"\ngrid { a: [1]\n (b, a): ([1, 2]) } } }", 3, 6, "parameter 'a' appears twice")]
    [InlineData("run r { experiment e { grid { a: [1] } } }", 1, 22, "experiment 'e' has no command")]
    [InlineData("run r {\n experiment e { command = \"x\" }\n experiment e { command = \"y\" } }", 3, 13, "experiment 'e' is defined twice")]
    [InlineData("run r { experimnt e { } }", 1, 9, "expected 'experiment', 'grid' or a setting")]
    [InlineData("run r { experiment e { command = \"x\" grid = nope } }", 1, 45, "no grid named 'nope' is defined above")]
    [InlineData("run r { param_prefix = 3 experiment e { command = \"x\" } }", 1, 24, "param_prefix takes a \"string\"")]
    [InlineData("experiment e { }", 1, 1, "a run description starts with 'run NAME {'")]
    [InlineData("run r { }", 1, 10, "run 'r' has no experiment")]
    [InlineData("run r { experiment e { command = \"x\" } } extra", 1, 42, "nothing may follow the run block")]
    [InlineData("run r { experiment e { command = \"x\n } }", 1, 34, "unterminated string")]
    public void Parse_BadInput_OneErrorWithPosition(string text, int line, int column, string message)
    {
        var error = Assert.Throws<SweepPlanException>(() => RunDescription.Parse(text, "bad.sweep"));

        Assert.StartsWith($"bad.sweep:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.NotNull(error.SourceLine);
        Assert.EndsWith("^", error.ToDisplayString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorsOnSeveralLines_AllCountedFirstOneShown()
    {
        var error = Assert.Throws<SweepPlanException>(() => RunDescription.Parse("""
            run r {
                experiment e {
                    command = "x"
                    grid {
                        a: []
                        b: 5
                        c: [1]
                    }
                }
            }
            """, "bad.sweep"));

        Assert.StartsWith("bad.sweep:5:16: values of 'a' are an empty list", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(and 1 more error)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ArbitraryIntegerLists_ProductInFileOrderWithValuesAsWritten()
    {
        var lists = Gen.NonEmptyListOf(Gen.Choose(-50, 50)).Select(l => l.Take(6).ToArray()).ToArbitrary();
        Check.QuickThrowOnFailure(Prop.ForAll(lists, values =>
        {
            var text = $"run r {{ experiment e {{ command = \"x\" grid {{ a: [{string.Join(", ", values)}] b: [\"s t\", u] }} }} }}";
            var grid = RunDescription.Parse(text, "p.sweep").Experiments[0].Grid;
            var combos = grid.Generate().Select(c => $"{c["a"]}/{c["b"]}");
            return combos.SequenceEqual(values.SelectMany(v => new[] { $"{v}/s t", $"{v}/u" }));
        }));
    }
}
