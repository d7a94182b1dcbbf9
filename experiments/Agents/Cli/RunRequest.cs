using System.Globalization;
using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents.Cli;

/// <summary>A validated run: which agent on which environment with which settings.</summary>
internal sealed record RunRequest(AgentKind Agent, string AgentName, string Env, A2cSettings Settings)
{
    // Each row of an update holds about 270 doubles of activations and deltas per network: 16 384 rows ≈ 70 MB.
    private const int MaxBatchRows = 16_384;

    /// <summary>Every name <c>rl_agent</c> accepts, in the order the help lists them.</summary>
    public static IReadOnlyList<string> KnownNames { get; } =
    [
        "agent", "env", "lr", "entropy_loss_scaling", "clip_grad", "n_envs", "n_steps", "value_loss_scaling",
        "discount_factor", "train_frames", "train_episodes", "test_episodes", "seed", "run_seed",
    ];

    /// <summary>Validates every parameter and reports all problems at once.</summary>
    public static RunRequest From(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var unknown = values.Keys.Where(k => !KnownNames.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"unknown parameter{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} (known: {string.Join(", ", KnownNames)})");
        }

        var errors = new List<string>();
        var defaults = new A2cSettings();

        var agentName = values.GetValueOrDefault("agent", "a2c");
        var agentLeaf = agentName.StartsWith("classic:", StringComparison.Ordinal) ? agentName["classic:".Length..] : agentName;
        AgentKind agent = AgentKind.A2c;
        if (agentLeaf.StartsWith("debug", StringComparison.Ordinal))
        {
            agent = AgentKind.Debug;
        }
        else if (agentLeaf != "a2c")
        {
            errors.Add($"agent '{agentName}' is not supported (use a2c, classic:a2c or debug)");
        }

        var envName = values.GetValueOrDefault("env", "CartPole-v1");
        var envLeaf = envName.StartsWith("classic:", StringComparison.Ordinal) ? envName["classic:".Length..] : envName;
        var maxSteps = envLeaf switch
        {
            "CartPole-v1" => 500,
            "CartPole-v0" => 200,
            _ => 0,
        };
        if (maxSteps == 0)
        {
            errors.Add($"env '{envName}' is not supported (use CartPole-v1 or CartPole-v0)");
        }

        var lr = Real(values, "lr", defaults.Lr, errors, v => v > 0 && v <= 1, "in (0, 1]");
        var entropy = Real(values, "entropy_loss_scaling", defaults.EntropyLossScaling, errors, v => v >= 0, ">= 0");
        var clip = Real(values, "clip_grad", defaults.ClipGrad, errors, v => v >= 0, ">= 0 (0 disables clipping)");
        var nEnvs = Integer(values, "n_envs", defaults.NEnvs, errors, 1, 4096);
        var nSteps = Integer(values, "n_steps", defaults.NSteps, errors, 1, 4096);
        var valueScaling = Real(values, "value_loss_scaling", defaults.ValueLossScaling, errors, v => v >= 0, ">= 0");
        var discount = Real(values, "discount_factor", defaults.DiscountFactor, errors, v => v is >= 0 and <= 1, "in [0, 1]");
        var trainFrames = Integer(values, "train_frames", defaults.TrainFrames, errors, 0, 1L << 40);
        var trainEpisodes = Real(values, "train_episodes", defaults.TrainEpisodes, errors, v => v > 0 || double.IsPositiveInfinity(v), "> 0 or inf", allowInfinity: true);
        var testEpisodes = Integer(values, "test_episodes", defaults.TestEpisodes, errors, 1, 1_000_000);
        var seed = Integer(values, "seed", defaults.Seed, errors, long.MinValue, long.MaxValue);
        if (values.ContainsKey("run_seed"))
        {
            var runSeed = Integer(values, "run_seed", defaults.Seed, errors, long.MinValue, long.MaxValue);
            if (values.ContainsKey("seed") && runSeed != seed)
            {
                errors.Add($"seed ({seed}) and run_seed ({runSeed}) disagree; give one of them");
            }

            seed = runSeed;
        }

        if ((long)nEnvs * nSteps > MaxBatchRows)
        {
            errors.Add($"n_envs * n_steps = {(long)nEnvs * nSteps} is too large (at most {MaxBatchRows} rows per update)");
        }

        if (errors.Count > 0)
        {
            throw new UsageException(string.Join("; ", errors));
        }

        var settings = new A2cSettings
        {
            Lr = lr,
            EntropyLossScaling = entropy,
            ClipGrad = clip,
            NEnvs = (int)nEnvs,
            NSteps = (int)nSteps,
            ValueLossScaling = valueScaling,
            DiscountFactor = discount,
            TrainFrames = trainFrames,
            TrainEpisodes = trainEpisodes,
            TestEpisodes = (int)testEpisodes,
            Seed = seed,
            MaxEpisodeSteps = maxSteps,
        };
        return new RunRequest(agent, agentLeaf, envLeaf, settings);
    }

    /// <summary>Parses a number written by a person, Python or JSON (inf, Infinity, 1e-3, 16.0).</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        switch (t.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static double Real(IReadOnlyDictionary<string, string> values, string name, double fallback, List<string> errors, Func<double, bool> valid, string range, bool allowInfinity = false)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        if (!TryParseNumber(text, out var value) || double.IsNaN(value) || (!allowInfinity && double.IsInfinity(value)))
        {
            errors.Add($"{name} = '{text}' is not a {(allowInfinity ? "number" : "finite number")}");
            return fallback;
        }

        if (!valid(value))
        {
            errors.Add($"{name} = {text} is out of range (must be {range})");
            return fallback;
        }

        return value;
    }

    private static long Integer(IReadOnlyDictionary<string, string> values, string name, long fallback, List<string> errors, long min, long max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        // Samplers hand integers over as floats (quniform gives 16.0), so whole floats are accepted.
        if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (!TryParseNumber(text, out var real) || !double.IsFinite(real) || Math.Floor(real) != real || Math.Abs(real) >= 9.2e18)
            {
                errors.Add($"{name} = '{text}' is not an integer");
                return fallback;
            }

            value = (long)real;
        }

        if (value < min || value > max)
        {
            errors.Add($"{name} = {text} is out of range (must be in [{min}, {max}])");
            return fallback;
        }

        return value;
    }
}
