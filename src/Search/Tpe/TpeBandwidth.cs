namespace SlurmSearch.Search.Tpe;

/// <summary>How the width of each Parzen kernel is chosen (before clipping to the minimum and to the prior's scale).</summary>
public enum TpeBandwidth
{
    /// <summary>hyperopt's adaptive Parzen estimator: per dimension, the larger gap to the sorted neighbours (the prior included).</summary>
    AdaptiveParzen,

    /// <summary>Scott's rule on the data: factor · weighted standard deviation · n^(−1/(d+4)), the same for every kernel of a dimension.</summary>
    Scott,

    /// <summary>Scott's rule on the range (Optuna's multivariate rule): factor · scale · n^(−1/(d+4)), independent of where the points lie.</summary>
    ScottRange,
}
