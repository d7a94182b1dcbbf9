namespace SlurmSearch.Store.Pickle;

/// <summary>Validated <see cref="PickleReaderOptions"/>.</summary>
internal sealed record ReaderSettings(StringEncoding Encoding, bool Strict, HashSet<string> Allowed, int MaxDepth)
{
    /// <summary>True when strict mode lets <paramref name="fullName"/> through.</summary>
    public bool Allows(string module, string fullName)
    {
        if (!Strict || KnownCalls.StrictAllowList.Contains(fullName) || Allowed.Contains(fullName))
        {
            return true;
        }

        foreach (var pattern in Allowed)
        {
            if (pattern.EndsWith(".*", StringComparison.Ordinal))
            {
                var prefix = pattern[..^2];
                if (module == prefix || module.StartsWith(prefix + ".", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
