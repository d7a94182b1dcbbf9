namespace SlurmSearch.Search.Tpe;

/// <summary>How many of the N ranked observations form the "below" (good) set: min(⌈factor · f(N)⌉, cap).</summary>
public enum TpeGamma
{
    /// <summary>f(N) = √N, hyperopt's rule (with factor 0.25 and cap 25).</summary>
    SquareRoot,

    /// <summary>f(N) = N, Optuna's default rule (with factor 0.1 and cap 25).</summary>
    Linear,
}
