using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Search.Tpe;

namespace SlurmSearch.Search.Tests.Tpe;

public sealed class SelectionTests
{
    private static readonly Gen<double> Keys = Gen.OneOf(
        Gen.Choose(-50, 50).Select(i => (double)i),
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0),
        Gen.Elements(double.PositiveInfinity, double.NegativeInfinity, 0.0));

    [Fact]
    public void SmallestMask_AnyKeysAndK_MarksTheFirstKOfAStableSort()
    {
        var cases =
            from keys in Keys.ArrayOf()
            from k in Gen.Choose(-1, keys.Length + 1)
            select (keys, k);
        Check.QuickThrowOnFailure(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var mask = Selection.SmallestMask(c.keys, c.k);
            var expected = c.keys.Select((key, index) => (key, index)).OrderBy(p => p.key).ThenBy(p => p.index)
                .Take(Math.Max(c.k, 0)).Select(p => p.index).ToHashSet();
            Assert.Equal(c.keys.Length, mask.Length);
            for (var i = 0; i < mask.Length; i++)
            {
                Assert.Equal(expected.Contains(i), mask[i]);
            }
        }));
    }

    [Fact]
    public void SmallestMask_LargeInput_SelectsExactly()
    {
        var random = new Random(5);
        var keys = Enumerable.Range(0, 100_000).Select(_ => Math.Round(random.NextDouble() * 1000)).ToArray();
        var mask = Selection.SmallestMask(keys, 25);
        var threshold = keys.Order().ElementAt(24);
        Assert.Equal(25, mask.Count(m => m));
        Assert.All(keys.Where((_, i) => mask[i]), k => Assert.True(k <= threshold));
    }
}
