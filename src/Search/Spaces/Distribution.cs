namespace SlurmSearch.Search.Spaces;

/// <summary>The prior of one hyperparameter, with hyperopt's exact semantics (see each subtype).</summary>
public abstract record Distribution
{
    private protected Distribution()
    {
    }

    /// <summary>True when sampled values are integers (randint, categorical indices).</summary>
    public abstract bool IsDiscrete { get; }
}
