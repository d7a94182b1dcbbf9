using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents;

/// <summary>
/// The original's <c>debug</c> agent, which trained nothing and returned <c>random()</c> after a
/// second's sleep, made useful for demos and tests: it answers at once, and its returns come from a
/// seeded distribution whose mean rises smoothly towards lr ≈ 3e-3, entropy_loss_scaling ≈ 0.01 and
/// clip_grad ≈ 0.5, so that a search has something to find, while the per-run noise keeps it honest.
/// </summary>
internal static class DebugAgent
{
    private const ulong DebugStream = 6;

    public static double[] Returns(A2cSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mean = MeanReturn(settings);
        var rng = Rng.ForStream(settings.Seed, DebugStream);
        var runOffset = 20.0 * rng.NextGaussian();
        var returns = new double[settings.TestEpisodes];
        for (var i = 0; i < returns.Length; i++)
        {
            var r = mean + runOffset + (40.0 * rng.NextGaussian());
            returns[i] = Math.Round(Math.Clamp(r, 8.0, settings.MaxEpisodeSteps));
        }

        return returns;
    }

    /// <summary>The noise-free mean return of the debug distribution: 60 at worst, 300 at the optimum.</summary>
    public static double MeanReturn(A2cSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var lrTerm = (Math.Log10(settings.Lr) - Math.Log10(3e-3)) / 0.6;
        var entropyTerm = (settings.EntropyLossScaling - 0.01) / 0.05;
        var clipTerm = (settings.ClipGrad - 0.5) / 0.5;
        var quality = Math.Exp(-0.5 * ((lrTerm * lrTerm) + (entropyTerm * entropyTerm) + (0.25 * clipTerm * clipTerm)));
        return 60.0 + (240.0 * quality);
    }
}
