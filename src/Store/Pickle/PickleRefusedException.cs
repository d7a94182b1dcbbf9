namespace SlurmSearch.Store.Pickle;

/// <summary>Strict reading met a global that is not on the allow-list (e.g. <c>posix.system</c>): the pickle is refused, nothing of it is used.</summary>
public sealed class PickleRefusedException : SearchException
{
    private PickleRefusedException(string message, string global, string? path, long offset)
        : base(message)
    {
        Global = global;
        Path = path;
        Offset = offset;
    }

    /// <summary>The refused global, <c>module.name</c>.</summary>
    public string Global { get; }

    /// <summary>The file, or null when the bytes did not come from a file.</summary>
    public string? Path { get; }

    /// <summary>Byte offset of the opcode that named the global.</summary>
    public long Offset { get; }

    /// <inheritdoc />
    public override int ExitCode => 3;

    /// <summary>Creates the exception with a uniform message: <c>{path}: refused global {global} at byte {offset} …</c>.</summary>
    public static PickleRefusedException At(string? path, long offset, string global) =>
        new($"{path ?? "<pickle>"}: refused global {global} at byte {offset}: strict reading allows only built-in, datetime and numpy scalar globals and those explicitly allowed", global, path, offset);

    /// <summary>The same error attributed to a file.</summary>
    public PickleRefusedException WithPath(string path) => At(path, Offset, Global);
}
