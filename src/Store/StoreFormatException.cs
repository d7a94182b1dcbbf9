namespace SlurmSearch.Store;

/// <summary>A state was written by a newer format version than this program reads: refused, never rewritten.</summary>
public sealed class StoreFormatException : SearchException
{
    private StoreFormatException(string message, string path)
        : base(message) => Path = path;

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override int ExitCode => 3;

    /// <summary>Creates the exception for a file of a newer format.</summary>
    public static StoreFormatException NewerVersion(string path, long found, long supported) =>
        new($"{path}: written by a newer SlurmSearch (format {found}; this one reads {supported}): upgrade ssearch", path);
}
