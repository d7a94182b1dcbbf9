namespace SlurmSearch.Search.Spaces;

/// <summary>
/// One searchable scalar: a unique label, its prior and the .NET type it evaluates to. Build it through <see cref="Hp"/>,
/// which documents hyperopt's exact semantics for every distribution.
/// </summary>
/// <remarks>
/// Deviation from hyperopt, on purpose: a q-form whose q is a whole number (and <c>uniformint</c>, <c>randint</c>) evaluates
/// to a <see cref="long"/> by default, where hyperopt returns <c>3.0</c> for <c>quniform</c>. <see cref="ValueKind.Float"/>
/// restores hyperopt's behaviour (the text form writes it <c>float(quniform(1, 8, 1))</c>). The sampled value in a trial's
/// <c>misc.vals</c> stays a float either way, as in hyperopt.
/// </remarks>
public sealed record ParameterNode : SpaceNode
{
    // Integers beyond 2^53 do not survive the label → double contract samplers use.
    private const double MaxExactInteger = 9007199254740992.0;

    /// <summary>Creates a parameter; <paramref name="kind"/> defaults to <see cref="DefaultKind"/> of the distribution.</summary>
    /// <exception cref="ArgumentException">The label is blank, the distribution is categorical (use <see cref="ChoiceNode"/>), or an
    /// integer kind is asked of a distribution whose values are not whole numbers.</exception>
    public ParameterNode(string label, Distribution distribution, ValueKind? kind = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(distribution);
        switch (distribution)
        {
            case CategoricalDistribution:
                throw new ArgumentException($"'{label}': a categorical parameter is a choice node, not a parameter node", nameof(distribution));
            case RandIntDistribution r when Math.Abs((double)r.Low) > MaxExactInteger || Math.Abs((double)r.High) > MaxExactInteger:
                throw new ArgumentException($"'{label}': randint bounds must lie within ±2^53 so that values survive as doubles", nameof(distribution));
        }

        var resolved = kind ?? DefaultKind(distribution);
        if (resolved == ValueKind.Int && DefaultKind(distribution) != ValueKind.Int)
        {
            throw new ArgumentException($"'{label}': {Hp.NameOf(distribution)} does not produce whole numbers, so it cannot be an int parameter", nameof(kind));
        }

        Label = label;
        Distribution = distribution;
        Kind = resolved;
    }

    /// <summary>The label, unique in its space: the key of hyperopt's <c>misc.vals</c>.</summary>
    public string Label { get; }

    /// <summary>The prior.</summary>
    public Distribution Distribution { get; }

    /// <summary>The type of the evaluated value.</summary>
    public ValueKind Kind { get; }

    /// <inheritdoc />
    public override bool IsNumeric => true;

    /// <summary>
    /// <see cref="ValueKind.Int"/> for <c>randint</c> and for q-forms whose q is a whole number (their values are whole numbers),
    /// <see cref="ValueKind.Float"/> otherwise.
    /// </summary>
    public static ValueKind DefaultKind(Distribution distribution) => distribution switch
    {
        RandIntDistribution => ValueKind.Int,
        UniformDistribution { Q: { } q } when IsWhole(q) => ValueKind.Int,
        NormalDistribution { Q: { } q } when IsWhole(q) => ValueKind.Int,
        _ => ValueKind.Float,
    };

    private static bool IsWhole(double q) => q == Math.Floor(q) && q <= MaxExactInteger;
}
