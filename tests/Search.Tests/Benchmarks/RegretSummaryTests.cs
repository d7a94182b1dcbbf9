using SlurmSearch.Search.Benchmarks;

namespace SlurmSearch.Search.Tests.Benchmarks;

public sealed class RegretSummaryTests
{
    [Fact]
    public void Of_SmallSamples_MatchNumpysLinearPercentiles()
    {
        // np.percentile([4, 1, 3, 2], [50, 25, 75]) = [2.5, 1.75, 3.25]; np.percentile([7], …) = 7.
        Assert.Equal(new RegretSummary(2.5, 1.75, 3.25), RegretSummary.Of([4, 1, 3, 2]));
        Assert.Equal(new RegretSummary(7, 7, 7), RegretSummary.Of([7]));
        Assert.Equal(new RegretSummary(3, 2, 4), RegretSummary.Of([5, 1, 3, 2, 4]));
    }

    [Fact]
    public void Of_EmptySample_Throws()
    {
        Assert.Throws<ArgumentException>(() => RegretSummary.Of([]));
    }
}
