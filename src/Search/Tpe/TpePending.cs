namespace SlurmSearch.Search.Tpe;

/// <summary>How trials that are still running (no loss yet) take part in the model.</summary>
public enum TpePending
{
    /// <summary>Running trials are invisible, as in Optuna without <c>constant_liar</c>; parallel workers may collide.</summary>
    Ignore,

    /// <summary>
    /// hyperopt 0.2.7: a running trial has loss +∞, counts towards N (startup and γ) and lands in the "above" model,
    /// which lowers l(x)/g(x) around it.
    /// </summary>
    HyperoptWorst,

    /// <summary>
    /// Constant liar: a running trial has loss +∞ and lands in the "above" model, but does not count towards N,
    /// so 64 workers asking at once spread out instead of receiving near-duplicates.
    /// </summary>
    ConstantLiar,
}
