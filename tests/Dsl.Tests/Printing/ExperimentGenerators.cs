using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Dsl.Config;
using SlurmSearch.Dsl.Syntax;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Printing;

/// <summary>
/// Random experiment definitions that pass the checker: a config with plain data and spaces, one objective, bindings over
/// sampling, use and measure expressions that refer only to earlier bindings, results over those bindings, and report calls.
/// </summary>
internal static class ExperimentGenerators
{
    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"];

    private static readonly StructuredSpace[] Spaces =
    [
        StructuredSpace.Parse("{lr: loguniform(log(1e-4), log(1e-2)), n: quniform(1, 8, 1)}"),
        StructuredSpace.Parse("{opt: choice({name: \"sgd\", m: uniform(0, 1)}, {name: \"adam\"})}"),
        StructuredSpace.Parse("{c: bounded(normal(0.4, 0.1), min: 0.001, max: 1)}"),
    ];

    public static Gen<ExperimentDefinition> Definition() =>
        from plain in Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Plain(2), n)).Select(l => l.ToList())
        from space in Gen.Elements(Spaces)
        from measure in Gen.Elements(MeasurePath.Names.ToArray())
        from bindingCount in Gen.Choose(1, 4)
        from bindings in Bindings(bindingCount)
        from reportText in Gen.Elements("a title", "with \"quotes\"", "λ ∑")
        from number in Gen.Choose(-5, 500)
        select Build(plain, space, measure, bindings, reportText, number);

    private static ExperimentDefinition Build(List<ConfigValue> plain, StructuredSpace space, string measure, List<Expression> values, string text, int number)
    {
        var config = new List<ConfigEntry>
        {
            new("env", new ConfigScalar(new PyStr("CartPole-v1"))),
            new("x_space", new ConfigSpace(space)),
            new("seed_space", new ConfigSpace(StructuredSpace.Parse("{s: quniform(0, 100, 1)}"))),
            new("items_space", new ConfigList([new ConfigScalar(new PyStr("a")), new ConfigScalar(PyInt.Of(2))])),
            new("search", new ConfigMap([new ConfigEntry("n", new ConfigScalar(PyInt.Of(3))), new ConfigEntry("method", new ConfigScalar(new PyStr("cpu"))), new ConfigEntry("by", new ConfigScalar(new PyStr(measure)))])),
        };
        config.AddRange(plain.Select((v, i) => new ConfigEntry($"plain{i}", v)));
        var bindings = values.Select((v, i) => new Binding($"b{i}", v)).ToList();
        var results = bindings.Select((b, i) => new ResultEntry(i % 2 == 0 ? b.Name : $"r{i}", new BindingReference(b.Name))).ToList();
        var report = new List<ReportCall>
        {
            new(ReportKind.Performance, [new ReportArgument("group one", new ReportTuple([new ResultReference(results[0].Name), new ReportLiteral(PyInt.Of(number))])), new ReportArgument(null, new ReportLiteral(new PyFloat(number / 4.0)))]),
            new(ReportKind.Cdfs, [new ReportArgument(null, new ReportIndex(new ResultReference(results[^1].Name), MeasurePath.Parse(measure))), new ReportArgument("title", new ReportLiteral(new PyStr(text))), new ReportArgument("log", new ReportLiteral(PyBool.Of(number > 0)))]),
        };
        var debug = new ConfigMap([new ConfigEntry("search", new ConfigMap([new ConfigEntry("method", new ConfigScalar(new PyStr("inline")))]))]);
        var objective = new ObjectiveDeclaration("f", ["env", "x", "s"], "run --flag \"{x}\"", "value");
        return new ExperimentDefinition("generated", new ConfigMap([.. config]), debug, [objective], [.. bindings], [.. results], [.. report]);
    }

    // Each binding is a sampling tree (depth 1 or 2) or a measure / use over an earlier binding.
    private static Gen<List<Expression>> Bindings(int count)
    {
        var gen = Gen.Constant(new List<Expression>());
        for (var i = 0; i < count; i++)
        {
            var index = i;
            gen = from previous in gen
                  from next in index == 0 ? Sampling() : Gen.OneOf(Sampling(), Derived(index, previous))
                  select previous.Append(next).ToList();
        }

        return gen;
    }

    private static Gen<Expression> Derived(int index, List<Expression> previous) =>
        from target in Gen.Choose(0, index - 1)
        from kind in Gen.Choose(0, 2)
        from measure in Gen.Elements(MeasurePath.Names.ToArray())
        select kind switch
        {
            // b0 is always a sampling node, so a one-part measure of it is valid; other bindings may not be indexable.
            0 => (Expression)new MeasureExpression(new BindingReference("b0"), MeasurePath.Parse(measure)),
            1 => new UseExpression("x", new BindingReference($"b{target}"), Call()),
            _ => new UseExpression("x", new MeasureExpression(new BindingReference("b0"), MeasurePath.Parse(measure)), new SamplingExpression(SamplingStrategy.Random, "s", "seed_space", Call(), Setting<long>.Of(2))),
        };

    private static Gen<Expression> Sampling() =>
        from outer in Gen.Elements(SamplingStrategy.Random, SamplingStrategy.Minimize, SamplingStrategy.Maximize, SamplingStrategy.Enumerate)
        from nested in Gen.Elements(true, false)
        from method in Gen.Elements<Setting<SamplingMethod>?>(null, Setting<SamplingMethod>.Of(SamplingMethod.Slurm), Setting<SamplingMethod>.FromConfig("search:method"))
        from threads in Gen.Elements<Setting<long>?>(null, Setting<long>.Of(4), Setting<long>.FromConfig("search:n"))
        from byConfig in Gen.Elements(true, false)
        select Node(outer, nested, method, threads, byConfig);

    private static Expression Node(SamplingStrategy outer, bool nested, Setting<SamplingMethod>? method, Setting<long>? threads, bool byConfig)
    {
        Expression body = nested
            ? new SamplingExpression(SamplingStrategy.Random, "s", "seed_space", Call(), Setting<long>.FromConfig("search:n"), Setting<SamplingMethod>.Of(SamplingMethod.Inline))
            : Call();
        var (variable, space) = outer == SamplingStrategy.Enumerate ? ("x", "items_space") : ("x", "x_space");
        var optimising = outer is SamplingStrategy.Minimize or SamplingStrategy.Maximize;
        Setting<MeasurePath>? measure = optimising && nested
            ? byConfig ? Setting<MeasurePath>.FromConfig("search:by") : Setting<MeasurePath>.Of(MeasurePath.Parse("mean"))
            : null;
        var samples = outer == SamplingStrategy.Enumerate ? null : Setting<long>.Of(5);
        return new SamplingExpression(outer, variable, space, body, samples, method, threads, measure);
    }

    private static ObjectiveCall Call() => new("f", [new ParameterReference("env"), new ParameterReference("x"), new ParameterReference("search:n")]);

    private static Gen<ConfigValue> Plain(int depth)
    {
        var scalar = Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(i => (ConfigValue)new ConfigScalar(PyInt.Of(i))),
            Gen.Choose(-100000, 100000).Select(i => (ConfigValue)new ConfigScalar(new PyFloat(i / 64.0))),
            Gen.Elements(double.PositiveInfinity, double.NegativeInfinity, 1e-300, 6.02e23).Select(d => (ConfigValue)new ConfigScalar(new PyFloat(d))),
            Gen.Elements(Words).Select(w => (ConfigValue)new ConfigScalar(new PyStr(w + " \"q\"\n"))),
            Gen.Elements(true, false).Select(b => (ConfigValue)new ConfigScalar(PyBool.Of(b))),
            Gen.Constant((ConfigValue)new ConfigScalar(PyNone.Instance)));
        if (depth == 0)
        {
            return scalar;
        }

        return Gen.OneOf(
            scalar,
            Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Plain(depth - 1), n)).Select(items => (ConfigValue)new ConfigList([.. items])),
            Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Plain(depth - 1), n)).Select(items =>
                (ConfigValue)new ConfigMap([.. items.Select((v, i) => new ConfigEntry(i % 2 == 0 ? Words[i] : $"key {i}", v))])));
    }
}
