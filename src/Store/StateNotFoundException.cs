namespace SlurmSearch.Store;

/// <summary>No state is stored under a key.</summary>
public sealed class StateNotFoundException : SearchException
{
    private StateNotFoundException(StateKey key)
        : base($"no state '{key}' in the store") => Key = key;

    /// <summary>The missing key.</summary>
    public StateKey Key { get; }

    /// <summary>Creates the exception.</summary>
    public static StateNotFoundException For(StateKey key) => new(key);
}
