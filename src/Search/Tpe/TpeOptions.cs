using System.Globalization;

namespace SlurmSearch.Search.Tpe;

/// <summary>
/// Everything that configures a <see cref="TpeSampler"/>. Build one with a <c>with</c> expression from a preset
/// (<see cref="Default"/>, <see cref="Hyperopt"/>); the sampler validates it once and reports every invalid option together.
/// </summary>
public sealed record TpeOptions
{
    /// <summary>
    /// Our tuned TPE (name <c>tpe</c>): one joint (multivariate) mixture per group of parameters active under the same
    /// conditions; per dimension, hyperopt's neighbour-gap widths floored at 3 % of the range instead of the magic clip
    /// (which keeps kernels too wide to converge); kernels truncated one by one; γ = 0.1·N capped at 25; 10 startup trials;
    /// a constant liar for running trials; at most 256 kernels in the above model. Tuned on the six functions of
    /// <c>ssearch bench tpe</c>; see <c>benchmarks/README.md</c> for how it compares with Optuna and hyperopt.
    /// </summary>
    public static TpeOptions Default { get; } = new();

    /// <summary>
    /// hyperopt 0.2.7's <c>tpe.suggest</c> with its defaults (name <c>tpe-hyperopt</c>): γ = 0.25·√N capped at 25, 20 startup
    /// trials, 24 EI candidates, prior weight 1, linear forgetting 25, adaptive Parzen bandwidths with the magic clip,
    /// univariate GMM1/LGMM1 kernels, and running or failed trials counted with loss +∞.
    /// </summary>
    public static TpeOptions Hyperopt { get; } = new()
    {
        Name = "tpe-hyperopt",
        Gamma = TpeGamma.SquareRoot,
        GammaFactor = 0.25,
        BelowCap = 25,
        StartupTrials = 20,
        Candidates = 24,
        PriorWeight = 1.0,
        Forgetting = 25,
        Multivariate = false,
        Kernels = TpeKernels.Hyperopt,
        Bandwidth = TpeBandwidth.AdaptiveParzen,
        MagicClip = true,
        MinBandwidthFactor = 0.0,
        Pending = TpePending.HyperoptWorst,
        MaxAboveKernels = 0,
    };

    /// <summary>The sampler's name, stored as a session's <c>algo</c>.</summary>
    public string Name { get; init; } = "tpe";

    /// <summary>The rule for the size of the "below" set.</summary>
    public TpeGamma Gamma { get; init; } = TpeGamma.Linear;

    /// <summary>The factor of the γ rule (0.25 for hyperopt's √N rule, 0.1 for Optuna's linear rule).</summary>
    public double GammaFactor { get; init; } = 0.1;

    /// <summary>The largest "below" set.</summary>
    public int BelowCap { get; init; } = 25;

    /// <summary>Trials drawn from the prior before the model is used.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Candidates drawn from the "below" model per suggestion; the one with the largest l(x)/g(x) wins.</summary>
    public int Candidates { get; init; } = 24;

    /// <summary>Candidates scored by <see cref="TpeSampler.EstimateOptimum"/>.</summary>
    public int EstimateCandidates { get; init; } = 4096;

    /// <summary>Weight of the prior kernel relative to one observation (hyperopt and Optuna: 1).</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>Linear forgetting: the newest this many observations of a model weigh 1, older ones ramp down to 1/n; 0 switches it off.</summary>
    public int Forgetting { get; init; } = 25;

    /// <summary>Model the parameters that are active together (the same conditions) jointly, instead of one by one.</summary>
    public bool Multivariate { get; init; } = true;

    /// <summary>The kernel family.</summary>
    public TpeKernels Kernels { get; init; } = TpeKernels.Bounded;

    /// <summary>The bandwidth rule.</summary>
    public TpeBandwidth Bandwidth { get; init; } = TpeBandwidth.AdaptiveParzen;

    /// <summary>The constant of the Scott rules (ignored by <see cref="TpeBandwidth.AdaptiveParzen"/>).</summary>
    public double BandwidthFactor { get; init; } = 1.0;

    /// <summary>hyperopt's magic clip: no kernel narrower than scale / min(100, 1 + kernels).</summary>
    public bool MagicClip { get; init; }

    /// <summary>No kernel narrower than this fraction of the prior's scale (the range of a uniform, σ of a normal).</summary>
    public double MinBandwidthFactor { get; init; } = 0.03;

    /// <summary>How running trials take part.</summary>
    public TpePending Pending { get; init; } = TpePending.ConstantLiar;

    /// <summary>
    /// Bounds the kernels of the "above" model: beyond this many observations it keeps the newest quarter and, of the older
    /// ones, those with the lowest losses (the worst old points lie where l proposes nothing), so a suggestion costs O(N) to
    /// read the history plus a bounded model. 0 keeps every observation.
    /// </summary>
    public int MaxAboveKernels { get; init; } = 256;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("Name must not be empty");
        }

        Check(problems, Enum.IsDefined(Gamma), nameof(Gamma), Gamma, "a TpeGamma value");
        Check(problems, double.IsFinite(GammaFactor) && GammaFactor > 0 && GammaFactor <= 1, nameof(GammaFactor), GammaFactor, "in (0, 1]");
        Check(problems, BelowCap >= 1, nameof(BelowCap), BelowCap, "≥ 1");
        Check(problems, StartupTrials >= 0, nameof(StartupTrials), StartupTrials, "≥ 0");
        Check(problems, Candidates >= 1, nameof(Candidates), Candidates, "≥ 1");
        Check(problems, EstimateCandidates >= 1, nameof(EstimateCandidates), EstimateCandidates, "≥ 1");
        Check(problems, double.IsFinite(PriorWeight) && PriorWeight >= 0, nameof(PriorWeight), PriorWeight, "a finite number ≥ 0");
        Check(problems, Forgetting >= 0, nameof(Forgetting), Forgetting, "≥ 0 (0 = off)");
        Check(problems, Enum.IsDefined(Kernels), nameof(Kernels), Kernels, "a TpeKernels value");
        Check(problems, Enum.IsDefined(Bandwidth), nameof(Bandwidth), Bandwidth, "a TpeBandwidth value");
        Check(problems, double.IsFinite(BandwidthFactor) && BandwidthFactor > 0, nameof(BandwidthFactor), BandwidthFactor, "a finite number > 0");
        Check(problems, double.IsFinite(MinBandwidthFactor) && MinBandwidthFactor >= 0 && MinBandwidthFactor <= 1, nameof(MinBandwidthFactor), MinBandwidthFactor, "in [0, 1]");
        Check(problems, Enum.IsDefined(Pending), nameof(Pending), Pending, "a TpePending value");
        Check(problems, MaxAboveKernels == 0 || MaxAboveKernels >= 8, nameof(MaxAboveKernels), MaxAboveKernels, "0 (unbounded) or ≥ 8");
        if (Kernels == TpeKernels.Hyperopt && Multivariate)
        {
            problems.Add("Kernels = Hyperopt is univariate: it needs Multivariate = false");
        }

        if (!MagicClip && MinBandwidthFactor == 0)
        {
            problems.Add("MagicClip = false with MinBandwidthFactor = 0 leaves kernels without a minimum width; set one of them");
        }

        return problems;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> naming every invalid option; returns the options when valid.</summary>
    public TpeOptions Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"invalid TPE options '{Name}': {string.Join("; ", problems)}");
        }

        return this;
    }

    private static void Check<T>(List<string> problems, bool ok, string name, T value, string expected)
    {
        if (!ok)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be {expected}, got {value}"));
        }
    }
}
