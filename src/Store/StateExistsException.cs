namespace SlurmSearch.Store;

/// <summary>A create found a state already stored under the key.</summary>
public sealed class StateExistsException : SearchException
{
    private StateExistsException(StateKey key)
        : base($"state '{key}' already exists") => Key = key;

    /// <summary>The key that exists.</summary>
    public StateKey Key { get; }

    /// <summary>Creates the exception.</summary>
    public static StateExistsException For(StateKey key) => new(key);
}
