using SlurmSearch.Store.Pickle;

namespace SlurmSearch.Store;

/// <summary>Opens a store backend by name.</summary>
public static class StoreFactory
{
    /// <summary>The backend names.</summary>
    public static IReadOnlyList<string> Backends { get; } = ["pickle", "sqlite"];

    /// <summary>Opens <paramref name="backend"/> (<c>pickle</c> or <c>sqlite</c>) rooted at <paramref name="home"/>.</summary>
    public static StateStore Open(string backend, string home, PickleReaderOptions? readerOptions = null) => backend switch
    {
        "pickle" => new PickleDirectoryStore(home, readerOptions: readerOptions),
        "sqlite" => new SqliteStateStore(home, readerOptions: readerOptions),
        _ => throw new ArgumentException($"unknown backend '{backend}' (pickle or sqlite)", nameof(backend)),
    };
}
