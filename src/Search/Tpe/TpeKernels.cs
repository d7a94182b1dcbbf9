namespace SlurmSearch.Search.Tpe;

/// <summary>The family of Parzen kernels for bounded and categorical dimensions.</summary>
public enum TpeKernels
{
    /// <summary>
    /// hyperopt 0.2.7's GMM1/LGMM1: the bounds truncate the mixture as a whole (a draw outside re-picks its kernel),
    /// observations are used as they are, categorical models are pseudo-counts with the prior weight added to every option.
    /// Univariate only.
    /// </summary>
    Hyperopt,

    /// <summary>
    /// Each kernel is truncated to the bounds on its own (no mass leaks out at the edges), observations are clamped into the
    /// bounds, and categorical kernels keep a little mass on every option, so a joint (multivariate) mixture stays proper.
    /// </summary>
    Bounded,
}
