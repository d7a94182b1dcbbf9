namespace SlurmSearch.Dsl.Syntax;

/// <summary>
/// A sampling node, e.g. <c>maximize hp ~ hp_space by "mean" samples search:setting_samples method search:method threads 8 [ … ]</c>:
/// draws points of <paramref name="Space"/> for <paramref name="Variable"/> and evaluates <paramref name="Body"/> at each; its value
/// is the measurement dictionary of the original's <c>setting_result_measurements</c>.
/// </summary>
/// <param name="Strategy">random, enumerate, minimize or maximize.</param>
/// <param name="Variable">The parameter the points are bound to inside the body.</param>
/// <param name="Space">The config path of the space (default <c>&lt;variable&gt;_space</c>); a list for <c>enumerate</c>.</param>
/// <param name="Body">The expression evaluated at each point.</param>
/// <param name="Samples">How many points; null when not given (then <c>enumerate</c> takes every item of its list).</param>
/// <param name="Method">Where the trials run; null when not given (the evaluator's default, inline).</param>
/// <param name="Threads">How many parallel workers for <c>cpu</c> / <c>slurm</c>; null when not given.</param>
/// <param name="Measure">The optimised measure (<c>by</c>) of minimize / maximize; null for random and enumerate.</param>
/// <param name="Position">Where the strategy keyword was written.</param>
public sealed record SamplingExpression(
    SamplingStrategy Strategy,
    string Variable,
    string Space,
    Expression Body,
    Setting<long>? Samples = null,
    Setting<SamplingMethod>? Method = null,
    Setting<long>? Threads = null,
    Setting<MeasurePath>? Measure = null,
    SourcePosition Position = default)
    : Expression(Position)
{
    /// <summary>The default space path of a sampling variable: <c>&lt;variable&gt;_space</c>.</summary>
    public static string DefaultSpace(string variable) => variable + "_space";
}
