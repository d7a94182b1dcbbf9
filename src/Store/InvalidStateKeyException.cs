namespace SlurmSearch.Store;

/// <summary>A store key is malformed (empty part, a path separator, <c>..</c>, NUL, a leading dot).</summary>
public sealed class InvalidStateKeyException : SearchException
{
    private InvalidStateKeyException(string message, string key)
        : base(message) => Key = key;

    /// <summary>The offending key text.</summary>
    public string Key { get; }

    /// <summary>Creates the exception with a uniform message.</summary>
    public static InvalidStateKeyException For(string key, string reason) => new($"invalid key '{key}': {reason}", key);
}
