using SlurmSearch.Agents.Cli;
using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents.Tests.Cli;

public sealed class RunRequestTests
{
    private static RunRequest Parse(string? json, params string[] args)
    {
        var raw = new RawParameters();
        if (json is not null)
        {
            raw.AddJson(json);
        }

        raw.AddArguments(args);
        return RunRequest.From(raw.Values);
    }

    [Fact]
    public void From_NoParameters_GivesDocumentedDefaults()
    {
        var request = Parse(null);
        Assert.Equal(AgentKind.A2c, request.Agent);
        Assert.Equal("CartPole-v1", request.Env);
        Assert.Equal(new A2cSettings(), request.Settings);
        Assert.Equal(500, request.Settings.MaxEpisodeSteps);
    }

    [Fact]
    public void From_AllThreeArgumentStyles_ParseTheSameValues()
    {
        var s = Parse(null, "--lr=0.003", "--n_envs", "16", "n_steps=5", "--entropy_loss_scaling=1e-2", "clip_grad=0.25",
            "--value_loss_scaling", "0.75", "--discount_factor=0.95", "--train_frames=1e5", "--test_episodes=10", "--seed", "-4").Settings;
        Assert.Equal(0.003, s.Lr);
        Assert.Equal(16, s.NEnvs);
        Assert.Equal(5, s.NSteps);
        Assert.Equal(0.01, s.EntropyLossScaling);
        Assert.Equal(0.25, s.ClipGrad);
        Assert.Equal(0.75, s.ValueLossScaling);
        Assert.Equal(0.95, s.DiscountFactor);
        Assert.Equal(100_000, s.TrainFrames);
        Assert.Equal(10, s.TestEpisodes);
        Assert.Equal(-4, s.Seed);
    }

    [Fact]
    public void From_QualifiedAndHyphenatedNames_UseTheLeafName()
    {
        var s = Parse(null, "--hp.lr=0.002", "hp:n_envs=8", "--run_params/train-frames=500").Settings;
        Assert.Equal(0.002, s.Lr);
        Assert.Equal(8, s.NEnvs);
        Assert.Equal(500, s.TrainFrames);
    }

    [Fact]
    public void From_WholeFloatForInteger_IsAccepted()
    {
        var s = Parse(null, "--n_envs=16.0", "--run_seed=1234567890.0").Settings;
        Assert.Equal(16, s.NEnvs);
        Assert.Equal(1234567890, s.Seed);
    }

    [Fact]
    public void From_NestedParamsJson_FlattensLeavesAndArgumentsOverride()
    {
        const string json = """
            {"env": "classic:CartPole-v0", "agent": "classic:a2c",
             "hp": {"lr": 0.0005, "entropy_loss_scaling": 0.02, "n_envs": 8},
             "run_params": {"train_frames": 20000, "train_episodes": Infinity, "test_episodes": 7},
             "run_seed": 99}
            """;
        var request = Parse(json, "--n_envs=2");
        Assert.Equal("CartPole-v0", request.Env);
        Assert.Equal(200, request.Settings.MaxEpisodeSteps);
        Assert.Equal(AgentKind.A2c, request.Agent);
        Assert.Equal(0.0005, request.Settings.Lr);
        Assert.Equal(0.02, request.Settings.EntropyLossScaling);
        Assert.Equal(2, request.Settings.NEnvs);
        Assert.Equal(20000, request.Settings.TrainFrames);
        Assert.True(double.IsPositiveInfinity(request.Settings.TrainEpisodes));
        Assert.Equal(7, request.Settings.TestEpisodes);
        Assert.Equal(99, request.Settings.Seed);
    }

    [Theory]
    [InlineData("debug")]
    [InlineData("debug1")]
    [InlineData("classic:debug")]
    public void From_DebugAgentNames_SelectDebugAgent(string name) =>
        Assert.Equal(AgentKind.Debug, Parse(null, $"--agent={name}").Agent);

    [Theory]
    [InlineData("--lr=abc", "lr = 'abc' is not a finite number")]
    [InlineData("--lr=0", "lr = 0 is out of range")]
    [InlineData("--lr=nan", "lr = 'nan' is not a finite number")]
    [InlineData("--n_envs=2.5", "n_envs = '2.5' is not an integer")]
    [InlineData("--n_steps=0", "n_steps = 0 is out of range")]
    [InlineData("--discount_factor=1.5", "discount_factor = 1.5 is out of range")]
    [InlineData("--env=Pong-v5", "env 'Pong-v5' is not supported")]
    [InlineData("--agent=dqn", "agent 'dqn' is not supported")]
    [InlineData("--train_episodes=0", "train_episodes = 0 is out of range")]
    public void From_BadValue_ThrowsNamingIt(string arg, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => Parse(null, arg));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_HugeRollout_ThrowsNamingTheProduct()
    {
        var ex = Assert.Throws<UsageException>(() => Parse(null, "--n_envs=4096", "--n_steps=8"));
        Assert.Contains("n_envs * n_steps = 32768 is too large", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_SeveralBadValues_ReportsAllOfThem()
    {
        var ex = Assert.Throws<UsageException>(() => Parse(null, "--lr=-1", "--n_envs=x"));
        Assert.Contains("lr = -1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("n_envs = 'x'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_UnknownNames_ThrowsNamingEach()
    {
        var ex = Assert.Throws<UsageException>(() => Parse("""{"hp": {"momentum": 0.9}}""", "--learning_rate=1"));
        Assert.Contains("'learning_rate', 'momentum'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_SeedAndRunSeedDisagree_Throws()
    {
        var ex = Assert.Throws<UsageException>(() => Parse(null, "--seed=1", "--run_seed=2"));
        Assert.Contains("disagree", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--lr", "parameter 'lr' has no value")]
    [InlineData("stray", "unexpected argument 'stray'")]
    [InlineData("=3", "empty parameter name")]
    public void AddArguments_Malformed_Throws(string arg, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => new RawParameters().AddArguments([arg]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("""{"lr": [1, 2]}""", "'lr' is array")]
    [InlineData("""{"a": {"lr": 1}, "b": {"lr": 2}}""", "sets 'lr' twice")]
    public void AddJson_Bad_ThrowsNamingProblem(string json, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => new RawParameters().AddJson(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddJson_NonFiniteLiteralInsideString_IsLeftAlone()
    {
        var raw = new RawParameters();
        raw.AddJson("""{"env": "NaN \"Infinity\"", "train_episodes": -Infinity}""");
        Assert.Equal("NaN \"Infinity\"", raw.Values["env"]);
        Assert.Equal("-Infinity", raw.Values["train_episodes"]);
    }
}
