namespace SlurmSearch.Dsl.Syntax;

/// <summary>How a sampling node draws its points (the original's <c>strategy</c>), written as its keyword.</summary>
public enum SamplingStrategy
{
    /// <summary><c>random</c>: independent random draws (the original's <c>randomize</c>; algorithm <c>rand</c>).</summary>
    Random,

    /// <summary><c>enumerate</c>: every item of a list, once (algorithm <c>enumeration</c>).</summary>
    Enumerate,

    /// <summary><c>minimize</c>: TPE search minimising the <c>by</c> measure.</summary>
    Minimize,

    /// <summary><c>maximize</c>: TPE search maximising the <c>by</c> measure.</summary>
    Maximize,
}
