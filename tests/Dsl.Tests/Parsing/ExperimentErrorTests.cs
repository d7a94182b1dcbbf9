namespace SlurmSearch.Dsl.Tests.Parsing;

public sealed class ExperimentErrorTests
{
    [Fact]
    public void Parse_ValidText_Succeeds()
    {
        var definition = Some.Parse(Some.Text());

        Assert.Equal(["space", "best"], definition.Bindings.Select(b => b.Name));
        Assert.Equal(["best", "mean"], definition.Results.Select(r => r.Name));
    }

    [Fact]
    public void Parse_UnknownConfigNameInCall_ReportsPositionAndCaret()
    {
        var text = Some.Text(experiment: Some.Experiment.Replace("return_mean(env, agent,", "return_mean(envv, agent,", StringComparison.Ordinal));

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.Equal(Some.Locate(text, "envv"), (error.Line, error.Column));
        Assert.Contains("unknown name 'envv' in an objective call", error.Message, StringComparison.Ordinal);
        var display = error.ToDisplayString().Split('\n');
        Assert.StartsWith($"test.exp:{error.Line}:{error.Column}: ", display[0], StringComparison.Ordinal);
        Assert.Equal("^", display[2].Trim());
        Assert.Equal(error.Column - 1, display[2].IndexOf('^', StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ParamsSuffix_FallsBackToTheNameWithoutIt()
    {
        var text = Some.Text(experiment: Some.Experiment.Replace("hp, run_params, run_seed", "hp, run_params_params, run_seed", StringComparison.Ordinal));

        var definition = Some.Parse(text);

        Assert.Equal(2, definition.Bindings.Count);
    }

    [Fact]
    public void Parse_UnknownBinding_ReportsIt()
    {
        var text = Some.Text(results: "results {\n    best\n    nope\n}");

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.Equal(Some.Locate(text, "nope"), (error.Line, error.Column));
        Assert.Contains("unknown name 'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BindingUsedBeforeItIsDefined_IsUnknown()
    {
        var experiment = Some.Experiment.Replace("    best = space[\"argmax:mean\"]", "    early = best\n    best = space[\"argmax:mean\"]", StringComparison.Ordinal);
        var text = Some.Text(experiment: experiment);

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.Equal(Some.Locate(text, "best\n"), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_UndefinedSpace_ReportsTheSamplingNode()
    {
        var text = Some.Text(experiment: Some.Experiment.Replace("maximize hp by", "maximize hq by", StringComparison.Ordinal));

        var errors = Some.Errors(text).Errors;

        var error = Assert.Single(errors, e => e.Message.Contains("undefined space", StringComparison.Ordinal));
        Assert.Equal(Some.Locate(text, "maximize"), (error.Line, error.Column));
        Assert.Contains("'hq_space'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EnumerateOverASpace_ReportsThatItNeedsAList()
    {
        var text = Some.Text(experiment: "experiment {\n    all = enumerate hp [ return_mean(env, agent, hp, run_params, agent) ]\n}", results: "results { all }");

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.Contains("enumerate walks a list, but 'hp_space' is a search space", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateNames_ReportsEveryOne()
    {
        var config = Some.Config.Replace("    agent: \"a2c\"", "    agent: \"a2c\"\n    agent: \"ppo\"", StringComparison.Ordinal);
        var experiment = Some.Experiment.Replace("    best = ", "    best = space[\"argmin:mean\"]\n    best = ", StringComparison.Ordinal);
        var text = Some.Text(config: config, objective: Some.Objective + "\n" + Some.Objective, experiment: experiment, results: "results { best, best }");

        var messages = Some.Errors(text).Errors.Select(e => e.Message).ToList();

        Assert.Contains(messages, m => m.StartsWith("duplicate key 'agent'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("duplicate objective 'return_mean'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("duplicate binding 'best'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("duplicate result 'best'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BadMeasure_PointsAtTheBadPart()
    {
        var text = Some.Text(experiment: Some.Experiment.Replace("space[\"argmax:mean\"]", "space[\"argmax:avg\"]", StringComparison.Ordinal));

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.Equal(Some.Locate(text, "avg"), (error.Line, error.Column));
        Assert.StartsWith("unknown measure 'avg' (known: mean, std,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MeasureDeeperThanTheNesting_IsRejected()
    {
        var text = Some.Text(experiment: Some.Experiment.Replace("space[\"argmax:mean\"]", "space[\"argmax:mean:mean\"]", StringComparison.Ordinal));

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.Contains("has 3 parts, but the indexed expression nests 2 sampling levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MeasureOfACall_IsRejected()
    {
        var text = Some.Text(experiment: "experiment {\n    x = return_mean(env, agent, hp_space, run_params, agent)[\"mean\"]\n}", results: "results { x }");

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.StartsWith("a measure indexes a sampling node", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SamplingOptionErrors_AreAllReported()
    {
        var experiment = """
            experiment {
                a = random hp by "mean" [ return_mean(env, agent, hp, run_params, agent) ]
                b = maximize hp samples search:nothing method search:threads threads 0 [ random run_seed samples 2 [ return_mean(env, agent, hp, run_params, run_seed) ] ]
                c = enumerate agent samples 3 [ return_mean(env, agent, hp_space, run_params, agent) ]
            }
            """;
        var text = Some.Text(experiment: experiment, results: "results { a, b, c }");

        var messages = Some.Errors(text).Errors.Select(e => e.Message).ToList();

        Assert.Contains(messages, m => m == "'by' applies to minimize and maximize, not to random");
        Assert.Contains(messages, m => m.StartsWith("'random hp' needs 'samples N'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m == "unknown config entry 'search:nothing' for 'samples'");
        Assert.Contains(messages, m => m.StartsWith("'search:threads' is int 2, not a method", StringComparison.Ordinal));
        Assert.Contains(messages, m => m == "'threads' is a whole number of at least 1, not 0");
        Assert.Contains(messages, m => m.StartsWith("'maximize hp' over a sampling node needs 'by", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("enumerate takes every item of its list once", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownObjectiveAndWrongArity_AreReported()
    {
        var experiment = "experiment {\n    a = random run_seed samples 2 [ reward(env) ]\n    b = random run_seed samples 2 [ return_mean(env) ]\n}";
        var text = Some.Text(experiment: experiment, results: "results { a, b }");

        var errors = Some.Errors(text).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Equal("unknown objective 'reward' (declared: return_mean)", errors[0].Message);
        Assert.Equal(Some.Locate(text, "reward"), (errors[0].Line, errors[0].Column));
        Assert.StartsWith("return_mean() takes 5 arguments (env, agent, hp, run_params, run_seed), not 1", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownReportKindAndResult_AreReported()
    {
        var text = Some.Text(report: "report {\n    histogram(best)\n    cdfs(missing, title: \"x\")\n}");

        var errors = Some.Errors(text).Errors;

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("unknown report 'histogram' (known: performance, cdfs, std_ratio, surface, bootstrap)", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(Some.Locate(text, "histogram"), (errors[0].Line, errors[0].Column));
        Assert.StartsWith("unknown result 'missing'", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(Some.Locate(text, "missing"), (errors[1].Line, errors[1].Column));
    }

    [Fact]
    public void Parse_SyntaxErrorsInSeveralBlocks_AreAllReportedInSourceOrder()
    {
        var config = Some.Config.Replace("train_frames: 1000", "train_frames: 1000 +", StringComparison.Ordinal);
        var experiment = Some.Experiment.Replace("    best = space", "    best == space", StringComparison.Ordinal);
        var text = Some.Text(config: config, experiment: experiment, results: "results {\n    best\n    mean: space[\"mean:mean\"\n}");

        var errors = Some.Errors(text).Errors;

        Assert.True(errors.Count >= 3, string.Join("\n", errors.Select(e => e.ToDisplayString())));
        Assert.Equal(errors.OrderBy(e => e.Line).ThenBy(e => e.Column), errors);
        Assert.Contains(errors, e => e.Line == Some.Locate(text, "train_frames").Line);
        Assert.Contains(errors, e => e.Line == Some.Locate(text, "best ==").Line);
        Assert.Contains(errors, e => e.Message.StartsWith($"expected ']' to close the '[' at {Some.Locate(text, "mean: space").Line}:", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SpaceError_KeepsTheSpaceParsersPosition()
    {
        var config = Some.Config.Replace("quniform(0, 100, 1)", "quniform(0, 100, \"x\")", StringComparison.Ordinal);
        var text = Some.Text(config: config);

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.Equal(Some.Locate(text, "\"x\""), (error.Line, error.Column));
        Assert.Equal("quniform(): arguments are numbers", error.Message);
    }

    [Fact]
    public void Parse_GarbageInput_ReportsErrorsWithoutThrowingAnythingElse()
    {
        var fuzz = new Random(7);
        const string Alphabet = "config debug results report experiment use random maximize {}[]():,=~\"x 1 -*\n";
        for (var i = 0; i < 300; i++)
        {
            var text = new string([.. Enumerable.Range(0, fuzz.Next(1, 80)).Select(_ => Alphabet[fuzz.Next(Alphabet.Length)])]);
            try
            {
                Some.Parse(text);
            }
            catch (SlurmSearch.Dsl.Parsing.DslParseException e)
            {
                Assert.NotEmpty(e.Errors);
            }
        }
    }

    [Fact]
    public void Parse_BindingHidingAConfigEntry_IsRejected()
    {
        var text = Some.Text(experiment: Some.Experiment.Replace("    best = ", "    env = space[\"argmin:mean\"]\n    best = ", StringComparison.Ordinal));

        var error = Assert.Single(Some.Errors(text).Errors);

        Assert.StartsWith("binding 'env' would hide the config entry", error.Message, StringComparison.Ordinal);
    }
}
