using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents.Tests.Learning;

public sealed class A2cTrainerTests
{
    [Fact]
    public void Train_SameSeed_SameParametersAndTestReturns()
    {
        var settings = new A2cSettings { TrainFrames = 3000, Seed = 17 };
        var a = new A2cTrainer(settings);
        var b = new A2cTrainer(settings);
        var reportA = a.Train();
        var reportB = b.Train();

        Assert.Equal(reportA, reportB);
        Assert.Equal(a.Model.Parameters, b.Model.Parameters);
        Assert.Equal(a.Test(5), b.Test(5));
    }

    [Fact]
    public void Train_DifferentSeeds_DifferentParameters()
    {
        var a = new A2cTrainer(new A2cSettings { TrainFrames = 1000, Seed = 1 });
        var b = new A2cTrainer(new A2cSettings { TrainFrames = 1000, Seed = 2 });
        a.Train();
        b.Train();
        Assert.NotEqual(a.Model.Parameters, b.Model.Parameters);
    }

    [Fact]
    public void Train_FramesNotMultipleOfRollout_RoundsUpToWholeRollouts()
    {
        var trainer = new A2cTrainer(new A2cSettings { TrainFrames = 101, NEnvs = 4, NSteps = 5 });
        var report = trainer.Train();
        Assert.Equal(120, report.Frames);
        Assert.Equal(6, report.Updates);
    }

    [Fact]
    public void Train_EpisodeLimit_StopsAtFirstRolloutBoundaryAfterIt()
    {
        var trainer = new A2cTrainer(new A2cSettings { TrainFrames = 1_000_000, TrainEpisodes = 3, NEnvs = 2, NSteps = 1 });
        var report = trainer.Train();
        Assert.InRange(report.Episodes, 3, 4);
        Assert.True(report.Frames < 500, $"trained {report.Frames} frames for 3 episodes");
    }

    [Fact]
    public void Test_UntrainedPolicy_ScoresLikeRandomPlay()
    {
        // A near-uniform policy keeps CartPole up for about 22 steps on average.
        var returns = new A2cTrainer(new A2cSettings { Seed = 3 }).Test(200);
        Assert.InRange(returns.Average(), 15, 30);
        Assert.All(returns, r => Assert.InRange(r, 8, 500));
    }

    [Fact]
    public void Train_30000FramesDefaultSettings_ClearlyBeatsRandomPolicy()
    {
        var trainer = new A2cTrainer(new A2cSettings { TrainFrames = 30_000, Seed = 1 });
        trainer.Train();
        var mean = trainer.Test(20).Average();
        Assert.True(mean > 100, $"mean test return {mean} after 30000 frames; a random policy gets about 22");
    }
}
