using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Dsl.Evaluation;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Evaluation;

public sealed class MeasuresTests
{
    private static Arbitrary<double[]> Values() =>
        Gen.Choose(-1000, 1000).Select(i => i / 8.0).NonEmptyListOf().Select(l => l.ToArray()).ToArbitrary();

    private static SettingResult[] Points(double[] values) =>
        [.. values.Select((v, i) => new SettingResult(new PyDict { ["id"] = i }, v))];

    private static double[] Floats(PyValue list) => [.. ((PyList)list).Items.Select(v => ((PyFloat)v).Value)];

    [Fact]
    public void Of_NumericResults_CdfIsSortedAndTheSameMultiset()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Values(), values =>
        {
            var cdf = Floats(Measures.Of(Points(values))["cdf"]);
            Assert.Equal(values.Order(), cdf);
            Assert.True(cdf.Zip(cdf.Skip(1)).All(p => p.First <= p.Second));
        }));
    }

    [Fact]
    public void Of_NumericResults_ArgExtremesHaveTheExtremeValues()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Values(), values =>
        {
            var m = Measures.Of(Points(values));
            var argmin = (int)((PyInt)((PyDict)m["argmin"])["id"]).ToInt64();
            var argmax = (int)((PyInt)((PyDict)m["argmax"])["id"]).ToInt64();
            Assert.Equal(values.Min(), values[argmin]);
            Assert.Equal(values.Max(), values[argmax]);
            Assert.Equal(values.Min(), ((PyFloat)m["min"]).Value);
            Assert.Equal(values.Max(), ((PyFloat)m["max"]).Value);
        }));
    }

    [Fact]
    public void Of_NumericResults_MeanAndPopulationStdMatchADirectComputation()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Values(), values =>
        {
            var m = Measures.Of(Points(values));
            var mean = values.Sum() / values.Length;
            var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
            Assert.Equal(mean, ((PyFloat)m["mean"]).Value, 9);
            Assert.Equal(Math.Sqrt(variance), ((PyFloat)m["std"]).Value, 9);
        }));
    }

    [Fact]
    public void Of_NumericResults_PointValuesAreSettingValueTuplesSortedStably()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Values(), values =>
        {
            var points = ((PyList)Measures.Of(Points(values))["point_values"]).Items.Cast<PyTuple>().ToList();
            Assert.All(points, p => Assert.Equal(2, p.Count));
            var expected = values.Select((v, i) => (v, i)).OrderBy(p => p.v).Select(p => p.i);
            Assert.Equal(expected, points.Select(p => (int)((PyInt)((PyDict)p[0])["id"]).ToInt64()));
        }));
    }

    [Fact]
    public void Of_NestedResults_MeasureAsZerosAndKeepTheirOrder()
    {
        var inner = Measures.Of(Points([1, 2]));
        var outer = Measures.Of([new SettingResult("b", inner), new SettingResult("a", inner)]);

        Assert.Equal(0.0, ((PyFloat)outer["mean"]).Value);
        Assert.Equal([0.0, 0.0], Floats(outer["cdf"]));
        Assert.Equal(new PyStr("b"), outer["argmin"]);
        Assert.Equal(new PyStr("a"), outer["argmax"]);
        Assert.Equal(PyNone.Instance, outer["model_argmin"]);
    }

    [Fact]
    public void Tree_NestedSpec_MeasuresEveryInnerNodeThenAcrossThem()
    {
        var gen = Gen.Choose(-100, 100).Select(i => (double)i).NonEmptyListOf().Select(l => l.ToArray()).NonEmptyListOf().Select(l => l.ToArray());
        Check.QuickThrowOnFailure(Prop.ForAll(gen.ToArbitrary(), groups =>
        {
            var outer = groups.Select((g, i) => new SettingResult(i, Measures.Of(Points(g)))).ToList();
            var means = groups.Select(g => g.Average()).ToArray();
            var best = Array.IndexOf(means, means.Max());
            var stable = means.Select((m, i) => (m, i)).OrderBy(p => p.m).Last().i;

            Assert.Equal(stable, (int)((PyInt)Measures.Tree(outer, ["argmax", "mean"])).ToInt64());
            Assert.Equal(means[best], means[stable]);
            Assert.Equal(means.Average(), ((PyFloat)Measures.Tree(outer, ["mean", "mean"])).Value, 9);
            Assert.Equal(means.Order(), Floats(Measures.Tree(outer, ["cdf", "mean"])));
            var cdfs = (PyList)Measures.Tree(outer, ["point_values", "cdf"]);
            Assert.Equal(groups.Length, cdfs.Count);
        }));
    }

    [Fact]
    public void Tree_NestedSpecOnNumbers_FailsWithAClearMessage()
    {
        var error = Assert.Throws<ExperimentException>(() => Measures.Tree(Points([1, 2]), ["argmax", "mean"]));
        Assert.Contains("argmax:mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_ModelMeasures_EstimateNearTheTrueExtremes()
    {
        var space = new StructuredSpace(Hp.Uniform("x", -5, 5));
        var points = Enumerable.Range(0, 60)
            .Select(i => -5 + (i * 10.0 / 59))
            .Select(x => ((IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["x"] = x }, -((x - 2) * (x - 2))))
            .ToList();
        var model = new ModelOptimum(space, points, 7);

        Assert.InRange(((PyFloat)model.ArgMax()).Value, 1.0, 3.0);
        Assert.True(Math.Abs(((PyFloat)model.ArgMin()).Value - 2) > 3, $"argmin estimate {model.ArgMin()} should be near an edge");
        Assert.Equal(model.ArgMax(), new ModelOptimum(space, points, 7).ArgMax());
    }

    [Fact]
    public void Of_NoPoints_IsAnExperimentError()
    {
        Assert.Throws<ExperimentException>(() => Measures.Of([]));
    }
}
