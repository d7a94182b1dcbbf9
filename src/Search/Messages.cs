namespace SlurmSearch.Search;

/// <summary>Message helpers shared by the search engine.</summary>
internal static class Messages
{
    /// <summary>The message of an <see cref="ArgumentException"/> without the " (Parameter 'x')" suffix .NET appends.</summary>
    public static string Raw(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
}
