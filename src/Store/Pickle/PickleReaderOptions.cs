namespace SlurmSearch.Store.Pickle;

/// <summary>How <see cref="PickleReader"/> reads: Python 2 string decoding, strict refusal of foreign globals, nesting limit.</summary>
public sealed record PickleReaderOptions
{
    /// <summary>The defaults: ASCII Python 2 strings, foreign globals kept as inert values, nesting up to 10 000 levels.</summary>
    public static PickleReaderOptions Default { get; } = new();

    /// <summary>
    /// How Python 2 <c>str</c> values (STRING, BINSTRING, SHORT_BINSTRING) are decoded, as Python's <c>encoding</c>
    /// argument: <c>"ASCII"</c> (default; a non-ASCII byte is an error), <c>"latin1"</c>, <c>"utf-8"</c>, or
    /// <c>"bytes"</c> (kept as <c>bytes</c>).
    /// </summary>
    public string Encoding { get; init; } = "ASCII";

    /// <summary>When true, any global outside <see cref="KnownGlobals"/> and <see cref="AllowedGlobals"/> is refused with <see cref="PickleRefusedException"/>.</summary>
    public bool Strict { get; init; }

    /// <summary>Extra globals allowed in strict mode, as <c>module.name</c>; <c>module.*</c> allows every name in a module and its submodules.</summary>
    public IReadOnlyCollection<string> AllowedGlobals { get; init; } = [];

    /// <summary>The deepest nesting of containers accepted (deeper input is reported as corrupt); at least 1.</summary>
    public int MaxDepth { get; init; } = 10_000;

    /// <summary>The globals strict mode always allows: the built-in, datetime and numpy-scalar ones the reader turns into plain values.</summary>
    public static IReadOnlySet<string> KnownGlobals => KnownCalls.StrictAllowList;

    internal ReaderSettings Validate()
    {
        var problems = new List<string>();
        var encoding = Encoding?.Replace('_', '-').ToUpperInvariant() switch
        {
            "ASCII" or "US-ASCII" => StringEncoding.Ascii,
            "LATIN1" or "LATIN-1" or "ISO-8859-1" or "ISO8859-1" or "L1" => StringEncoding.Latin1,
            "UTF-8" or "UTF8" => StringEncoding.Utf8,
            "BYTES" => StringEncoding.Bytes,
            _ => (StringEncoding?)null,
        };
        if (encoding is null)
        {
            problems.Add($"Encoding '{Encoding}' is not one of ASCII, latin1, utf-8, bytes");
        }

        if (MaxDepth < 1)
        {
            problems.Add($"MaxDepth {MaxDepth} must be at least 1");
        }

        if (AllowedGlobals is null)
        {
            problems.Add("AllowedGlobals must not be null");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid pickle reader options: " + string.Join("; ", problems));
        }

        return new ReaderSettings(encoding!.Value, Strict, [.. AllowedGlobals!], MaxDepth);
    }
}
