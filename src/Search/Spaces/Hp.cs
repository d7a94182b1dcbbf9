using System.Collections.Frozen;

namespace SlurmSearch.Search.Spaces;

/// <summary>
/// Builds space nodes the way hyperopt's <c>hp</c> module does, with hyperopt's exact semantics; every validation error names the label.
/// </summary>
/// <remarks>
/// Rounding is round-half-to-even, as numpy's <c>np.round</c>. The q-forms can therefore land one quantum outside [low, high]
/// (e.g. <c>quniform(1, 8, 3)</c> can give 0 or 9), exactly as in hyperopt.
/// </remarks>
public static class Hp
{
    private static readonly FrozenDictionary<string, string[]> Signatures = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["uniform"] = ["low", "high"],
        ["quniform"] = ["low", "high", "q"],
        ["loguniform"] = ["low", "high"],
        ["qloguniform"] = ["low", "high", "q"],
        ["normal"] = ["mu", "sigma"],
        ["qnormal"] = ["mu", "sigma", "q"],
        ["lognormal"] = ["mu", "sigma"],
        ["qlognormal"] = ["mu", "sigma", "q"],
        ["randint"] = ["low", "high"],
        ["uniformint"] = ["low", "high"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The names <see cref="Create"/> accepts: the ten hyperopt distributions of one scalar.</summary>
    public static IReadOnlyCollection<string> DistributionNames => Signatures.Keys;

    /// <summary>The parameter names of a distribution function, in positional order (e.g. <c>low, high, q</c>).</summary>
    public static IReadOnlyList<string> ParametersOf(string function) =>
        Signatures.TryGetValue(function, out var names) ? names : throw new ArgumentException($"unknown distribution '{function}'", nameof(function));

    /// <summary>uniform(low, high): U(low, high).</summary>
    public static ParameterNode Uniform(string label, double low, double high) => Make(label, () => new UniformDistribution(low, high));

    /// <summary>quniform(low, high, q): round(U(low, high) / q) · q.</summary>
    public static ParameterNode QUniform(string label, double low, double high, double q) => Make(label, () => new UniformDistribution(low, high, q));

    /// <summary>loguniform(low, high): exp(U(low, high)); low and high bound log(value).</summary>
    public static ParameterNode LogUniform(string label, double low, double high) => Make(label, () => new UniformDistribution(low, high, log: true));

    /// <summary>qloguniform(low, high, q): round(exp(U(low, high)) / q) · q; low and high bound log(value).</summary>
    public static ParameterNode QLogUniform(string label, double low, double high, double q) =>
        Make(label, () => new UniformDistribution(low, high, q, log: true));

    /// <summary>normal(mu, sigma): N(mu, σ²).</summary>
    public static ParameterNode Normal(string label, double mu, double sigma) => Make(label, () => new NormalDistribution(mu, sigma));

    /// <summary>qnormal(mu, sigma, q): round(N(mu, σ²) / q) · q.</summary>
    public static ParameterNode QNormal(string label, double mu, double sigma, double q) => Make(label, () => new NormalDistribution(mu, sigma, q));

    /// <summary>lognormal(mu, sigma): exp(N(mu, σ²)).</summary>
    public static ParameterNode LogNormal(string label, double mu, double sigma) => Make(label, () => new NormalDistribution(mu, sigma, log: true));

    /// <summary>qlognormal(mu, sigma, q): round(exp(N(mu, σ²)) / q) · q.</summary>
    public static ParameterNode QLogNormal(string label, double mu, double sigma, double q) =>
        Make(label, () => new NormalDistribution(mu, sigma, q, log: true));

    /// <summary>randint(upper): an integer uniformly in [0, upper).</summary>
    public static ParameterNode RandInt(string label, long upper) => RandInt(label, 0, upper);

    /// <summary>randint(low, high): an integer uniformly in [low, high), high exclusive.</summary>
    public static ParameterNode RandInt(string label, long low, long high) => Make(label, () => new RandIntDistribution(low, high));

    /// <summary>uniformint(low, high): hyperopt's <c>int(quniform(low, high, 1))</c>, both ends inclusive (each end with half the weight of an inner value).</summary>
    public static ParameterNode UniformInt(string label, double low, double high) =>
        Make(label, () => new UniformDistribution(low, high, 1.0), ValueKind.Int);

    /// <summary>choice(options…): one of the options, equally likely.</summary>
    public static ChoiceNode Choice(string label, params IEnumerable<SpaceNode> options) => new(label, options);

    /// <summary>pchoice((p, option)…): one of the options with the given probabilities (which must sum to 1).</summary>
    public static ChoiceNode PChoice(string label, params IEnumerable<(double Probability, SpaceNode Option)> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (double Probability, SpaceNode Option)[] pairs = [.. options];
        return new(label, pairs.Select(p => p.Option), pairs.Select(p => p.Probability));
    }

    /// <summary>bounded(expr, min, max): the value of <paramref name="expression"/> clipped to the given bounds.</summary>
    public static BoundedNode Bounded(SpaceNode expression, double? min = null, double? max = null) => new(expression, min, max);

    /// <summary>A constant.</summary>
    public static ConstantNode Constant(object? value) => new(value);

    /// <summary>An ordered dict of sub-spaces.</summary>
    public static DictNode Dict(params IEnumerable<(string Key, SpaceNode Value)> entries) =>
        new(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));

    /// <summary>A list of sub-spaces.</summary>
    public static ListNode List(params IEnumerable<SpaceNode> items) => new(items);

    /// <summary>
    /// Builds a parameter from a distribution name and Python-style arguments: positional first, then named (see
    /// <see cref="ParametersOf"/>); <c>randint</c> with one argument means [0, upper) and also accepts the name <c>upper</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown function, missing/extra/duplicate arguments or invalid values, naming the label.</exception>
    public static ParameterNode Create(string function, string label, IReadOnlyList<double> positional, IReadOnlyDictionary<string, double>? named = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(positional);
        if (!Signatures.TryGetValue(function, out var names))
        {
            throw new ArgumentException($"'{label}': unknown distribution '{function}' (known: {string.Join(", ", Signatures.Keys)})", nameof(function));
        }

        var bound = Bind(function, label, names, positional, named ?? new Dictionary<string, double>());
        return function switch
        {
            "uniform" => Uniform(label, bound[0], bound[1]),
            "quniform" => QUniform(label, bound[0], bound[1], bound[2]),
            "loguniform" => LogUniform(label, bound[0], bound[1]),
            "qloguniform" => QLogUniform(label, bound[0], bound[1], bound[2]),
            "normal" => Normal(label, bound[0], bound[1]),
            "qnormal" => QNormal(label, bound[0], bound[1], bound[2]),
            "lognormal" => LogNormal(label, bound[0], bound[1]),
            "qlognormal" => QLogNormal(label, bound[0], bound[1], bound[2]),
            "randint" => RandInt(label, Whole(label, "low", bound[0]), Whole(label, "high", bound[1])),
            _ => UniformInt(label, bound[0], bound[1]),
        };
    }

    /// <summary>The hyperopt function name of a distribution (<c>uniform</c>, <c>qloguniform</c>, <c>randint</c>, <c>categorical</c>, …).</summary>
    public static string NameOf(Distribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return distribution switch
        {
            UniformDistribution u => (u.Q is null ? "" : "q") + (u.Log ? "log" : "") + "uniform",
            NormalDistribution n => (n.Q is null ? "" : "q") + (n.Log ? "log" : "") + "normal",
            RandIntDistribution => "randint",
            CategoricalDistribution => "categorical",
            _ => throw new ArgumentException($"unknown distribution {distribution.GetType().Name}", nameof(distribution)),
        };
    }

    private static double[] Bind(string function, string label, string[] names, IReadOnlyList<double> positional, IReadOnlyDictionary<string, double> named)
    {
        if (positional.Count > names.Length)
        {
            throw new ArgumentException($"'{label}': {function} takes at most {names.Length} arguments ({string.Join(", ", names)}), got {positional.Count}");
        }

        var values = new double?[names.Length];
        for (var i = 0; i < positional.Count; i++)
        {
            values[i] = positional[i];
        }

        foreach (var (name, value) in named)
        {
            var key = function == "randint" && name == "upper" ? "high" : name;
            var index = Array.IndexOf(names, key);
            if (index < 0)
            {
                throw new ArgumentException($"'{label}': {function} has no argument '{name}' (it takes {string.Join(", ", names)})");
            }

            if (values[index] is not null)
            {
                throw new ArgumentException($"'{label}': {function} got argument '{name}' twice");
            }

            values[index] = value;
        }

        // numpy's randint(upper) / hyperopt's hp.randint(label, upper): a lone bound is the exclusive upper one.
        if (function == "randint" && values[1] is null && values[0] is { } upper)
        {
            values[0] = 0;
            values[1] = upper;
        }
        else if (function == "randint" && values[0] is null && values[1] is not null)
        {
            values[0] = 0;
        }

        var missing = names.Where((_, i) => values[i] is null).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"'{label}': {function} is missing {string.Join(", ", missing.Select(m => $"'{m}'"))}");
        }

        return [.. values.Select(v => v!.Value)];
    }

    private static long Whole(string label, string name, double value) =>
        double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) <= 9007199254740992.0
            ? (long)value
            : throw new ArgumentException($"'{label}': randint {name} must be a whole number, got {value}");

    private static ParameterNode Make(string label, Func<Distribution> create, ValueKind? kind = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Distribution distribution;
        try
        {
            distribution = create();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{label}': {Messages.Raw(e)}", e);
        }

        return new ParameterNode(label, distribution, kind);
    }
}
