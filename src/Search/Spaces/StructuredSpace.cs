using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Search.Spaces;

/// <summary>
/// A structured search space: a tree of <see cref="SpaceNode"/>s whose labels are unique. It compiles to the flat
/// <see cref="SearchSpace"/> samplers use, turns a sample back into a parameter tree (<see cref="Evaluate"/>, hyperopt's
/// <c>space_eval</c>), and has a plain-data description for pickles and a text form.
/// </summary>
public sealed class StructuredSpace : IEquatable<StructuredSpace>
{
    private readonly SearchSpace _flat;

    /// <summary>Creates a space; throws <see cref="ArgumentException"/> listing every duplicated label.</summary>
    public StructuredSpace(SpaceNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        _flat = SpaceCompiler.Compile(root);
    }

    /// <summary>The root node.</summary>
    public SpaceNode Root { get; }

    /// <summary>Every label (parameters and choices), parents before the labels they condition.</summary>
    public IReadOnlyList<string> Labels => [.. _flat.Parameters.Select(p => p.Label)];

    /// <summary>
    /// The flat space: one hyperparameter per parameter or choice, in pre-order (a choice before its options' labels), each
    /// conditioned on every enclosing choice option (outermost first), as hyperopt's <c>expr_to_config</c> does.
    /// </summary>
    public SearchSpace Compile() => _flat;

    /// <summary>
    /// hyperopt's <c>space_eval</c>: turns label → value (choices as option indices) into the parameter tree — ordered
    /// <see cref="Dictionary{TKey, TValue}"/>, <see cref="List{T}"/>, string, double, long, bool or null; only the chosen option of a
    /// choice is evaluated, <c>bounded</c> clips, integer kinds give <see cref="long"/>. Labels not reached are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">An active label has no value, or a value is not valid for its parameter.</exception>
    public object? Evaluate(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return SpaceEvaluator.Evaluate(Root, values);
    }

    /// <summary>
    /// The plain-data description stored in session pickles: nested <c>Dictionary&lt;string, object?&gt;</c> / <c>List&lt;object?&gt;</c>
    /// of strings, doubles, longs, bools and nulls, e.g. <c>{"type": "uniform", "label": "x", "low": -2.0, "high": 2.0}</c>.
    /// </summary>
    public object ToPlainData() => SpacePlainData.Write(Root);

    /// <summary>Reads a description written by <see cref="ToPlainData"/>; throws <see cref="FormatException"/> naming the bad path (e.g. <c>$.items.opt.options[1].low</c>).</summary>
    public static StructuredSpace FromPlainData(object? data)
    {
        var root = SpacePlainData.Read(data);
        try
        {
            return new StructuredSpace(root);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"space description at $: {Messages.Raw(e)}", e);
        }
    }

    /// <summary>Parses the text form (see <see cref="SpaceParser"/>); throws <see cref="SpaceParseException"/>.</summary>
    public static StructuredSpace Parse(string text, string? fileName = null) => SpaceParser.Parse(text, fileName);

    /// <summary>The canonical text form (see <see cref="SpacePrinter"/>).</summary>
    public override string ToString() => SpacePrinter.Print(this);

    /// <inheritdoc />
    public bool Equals(StructuredSpace? other) => other is not null && Root.Equals(other.Root);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StructuredSpace other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Root.GetHashCode();
}
