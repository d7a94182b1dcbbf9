namespace SlurmSearch.Store;

/// <summary>A state file (or any pickle) is truncated or garbled: names the file and the byte offset where reading failed.</summary>
public sealed class StoreCorruptException : SearchException
{
    private StoreCorruptException(string message, string? path, long offset, string reason, Exception? inner)
        : base(message, inner)
    {
        Path = path;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The file, or null when the bytes did not come from a file.</summary>
    public string? Path { get; }

    /// <summary>Byte offset at which the problem was found.</summary>
    public long Offset { get; }

    /// <summary>What was wrong, without the path and offset.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override int ExitCode => 3;

    /// <summary>Creates the exception with a uniform message: <c>{path}: corrupt at byte {offset}: {reason}</c>.</summary>
    public static StoreCorruptException At(string? path, long offset, string reason, Exception? inner = null) =>
        new($"{path ?? "<pickle>"}: corrupt at byte {offset}: {reason}", path, offset, reason, inner);

    /// <summary>The same error attributed to a file (a codec reading from memory does not know the path).</summary>
    public StoreCorruptException WithPath(string path) => At(path, Offset, Reason, InnerException);
}
