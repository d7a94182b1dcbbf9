using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Search.Tests.Spaces;

/// <summary>FsCheck generators of structured spaces: every node kind, nested choices, labels either default-looking or custom.</summary>
internal static class SpaceGen
{
    private static readonly string[] Keys = ["a", "b", "lr", "x_1", "with space", "a.b", "", "é", "true"];
    private static readonly double[] Numbers = [-2, -0.5, 0, 0.1, 0.99, 1, 3, 7.25, 1e-5, 123456.789];
    private static readonly double[] SmallNumbers = [-2, -0.5, 0, 0.1, 0.99, 1, 3, 7.25];
    private static readonly double[] Quanta = [0.1, 0.25, 0.5, 1, 2, 3];

    public static Arbitrary<StructuredSpace> Arbitrary() => Arb.From(Space());

    public static Gen<StructuredSpace> Space() =>
        Gen.Sized(size => Node(Math.Min(3, size / 10 + 1), "")).Select(Uniquify);

    /// <summary>Spaces whose parameters are all discrete (grid-able), with finite supports.</summary>
    public static Gen<StructuredSpace> DiscreteSpace() =>
        Gen.Sized(size => Node(Math.Min(3, size / 10 + 1), "", discrete: true)).Select(Uniquify);

    public static Gen<SpaceNode> Node(int depth, string path, bool discrete = false)
    {
        var leaves = new List<(int, Gen<SpaceNode>)>
        {
            (2, Constant()),
            (4, Parameter(path, discrete)),
        };
        if (depth <= 0)
        {
            return Gen.Frequency(leaves);
        }

        leaves.Add((2, Dict(depth, path, discrete)));
        leaves.Add((1, List(depth, path, discrete)));
        leaves.Add((2, Choice(depth, path, discrete)));
        leaves.Add((1, Bounded(depth, path, discrete)));
        return Gen.Frequency(leaves);
    }

    public static Gen<SpaceNode> Constant() => Gen.OneOf(
        Gen.Elements<object?>(null, true, false, "", "sgd", "quote \" and \\ and \n", 0L, -3L, long.MinValue, long.MaxValue,
            0.0, -0.0, 2.5, -1e-5, 1e20, double.PositiveInfinity, double.NegativeInfinity, 3.0),
        Gen.Choose(-1000, 1000).Select(i => (object?)(i / 7.0))).Select(v => (SpaceNode)new ConstantNode(v));

    public static Gen<SpaceNode> Parameter(string path, bool discrete = false) =>
        from label in Label(path)
        from a in Gen.Elements(discrete ? SmallNumbers : Numbers)
        from b in Gen.Elements(discrete ? SmallNumbers : Numbers).Where(b => b != a)
        from q in Gen.Elements(Quanta)
        from lowInt in Gen.Choose(-5, 5)
        from span in Gen.Choose(1, 6)
        from form in Gen.Choose(0, discrete ? 3 : 10)
        from asFloat in Gen.Elements(false, false, true)
        select Build(label, Math.Min(a, b), Math.Max(a, b), q, lowInt, span, form, asFloat);

    private static SpaceNode Build(string label, double low, double high, double q, int lowInt, int span, int form, bool asFloat)
    {
        ParameterNode node = form switch
        {
            0 => Hp.RandInt(label, lowInt, lowInt + span),
            1 => Hp.QUniform(label, low, high, q),
            2 => Hp.UniformInt(label, lowInt, lowInt + span),
            3 => Hp.QLogUniform(label, Math.Log(1 + span), Math.Log(10 + span), q),
            4 => Hp.Uniform(label, low, high),
            5 => Hp.LogUniform(label, Math.Log(1e-5), low + 3),
            6 => Hp.Normal(label, low, span / 3.0),
            7 => Hp.QNormal(label, low, span, q),
            8 => Hp.LogNormal(label, Math.Log(1e-3), 0.77),
            9 => Hp.QLogNormal(label, low, 0.5, q),
            _ => Hp.RandInt(label, span),
        };
        return asFloat ? new ParameterNode(node.Label, node.Distribution, ValueKind.Float) : node;
    }

    private static Gen<SpaceNode> Dict(int depth, string path, bool discrete) =>
        from keys in Gen.SubListOf(Keys)
        from values in Gen.CollectToList(keys, k => Node(depth - 1, Join(path, k), discrete))
        select (SpaceNode)new DictNode(keys.Zip(values, KeyValuePair.Create));

    private static Gen<SpaceNode> List(int depth, string path, bool discrete) =>
        from count in Gen.Choose(0, 3)
        from items in Gen.CollectToList(Enumerable.Range(0, count), i => Node(depth - 1, Join(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), discrete))
        select (SpaceNode)new ListNode(items);

    private static Gen<SpaceNode> Choice(int depth, string path, bool discrete) =>
        from label in Label(path)
        from count in Gen.Choose(1, 3)
        from options in Gen.CollectToList(Enumerable.Range(0, count), _ => Node(depth - 1, path, discrete))
        from weights in Gen.ArrayOf(Gen.Choose(1, 4), count)
        from weighted in Gen.Elements(false, true)
        select (SpaceNode)(weighted
            ? new ChoiceNode(label, options, weights.Select(w => (double)w / weights.Sum()))
            : new ChoiceNode(label, options));

    private static Gen<SpaceNode> Bounded(int depth, string path, bool discrete) =>
        from inner in Node(depth - 1, path, discrete).Where(n => n.IsNumeric)
        from min in Gen.Elements<double?>(null, -1, 0, 0.5)
        from max in Gen.Elements<double?>(null, 1, 2.5, 10)
        where min is null || max is null || min <= max
        select (SpaceNode)new BoundedNode(inner, min, max);

    // The key path is what the text form derives by default; other labels force an explicit label: "…".
    private static Gen<string> Label(string path) =>
        Gen.Elements(path.Length > 0 ? path : "root", "custom", "x", "label with \"quotes\"");

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    // Generated labels may collide; rename later duplicates so every space is valid.
    private static StructuredSpace Uniquify(SpaceNode root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var labels = DefaultLabels.Current(root).Select(label =>
        {
            var unique = label;
            for (var i = 2; !seen.Add(unique); i++)
            {
                unique = $"{label}~{i}";
            }

            return unique;
        }).ToList();
        return new StructuredSpace(DefaultLabels.Apply(root, labels));
    }
}
