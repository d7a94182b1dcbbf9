namespace SlurmSearch.Store.Pickle;

/// <summary>How Python 2 strings found in old pickles are decoded.</summary>
internal enum StringEncoding
{
    Ascii,
    Latin1,
    Utf8,
    Bytes,
}
