namespace SlurmSearch.Agents.Learning;

/// <summary>
/// Hyperparameters and run parameters of one A2C run, named as in the original (the
/// autonomous-learning-library's <c>a2c</c> preset and Slurm Search's <c>run_params</c>).
/// Validated by the command line; the trainer only asserts.
/// </summary>
internal sealed record A2cSettings
{
    public double Lr { get; init; } = 0.001;

    public double EntropyLossScaling { get; init; } = 0.01;

    /// <summary>Maximum global gradient norm; 0 disables clipping.</summary>
    public double ClipGrad { get; init; } = 0.5;

    public int NEnvs { get; init; } = 4;

    public int NSteps { get; init; } = 5;

    public double ValueLossScaling { get; init; } = 0.5;

    public double DiscountFactor { get; init; } = 0.99;

    /// <summary>Environment steps to train for, summed over all environments (rounded up to whole rollouts).</summary>
    public long TrainFrames { get; init; } = 100_000;

    /// <summary>Stop training after this many finished episodes (at a rollout boundary); infinity = no limit.</summary>
    public double TrainEpisodes { get; init; } = double.PositiveInfinity;

    public int TestEpisodes { get; init; } = 100;

    public long Seed { get; init; }

    /// <summary>Units in each of the two hidden layers of both networks.</summary>
    public int HiddenUnits { get; init; } = 64;

    /// <summary>Time limit of an episode: 500 for CartPole-v1, 200 for v0.</summary>
    public int MaxEpisodeSteps { get; init; } = 500;
}
