using SlurmSearch.Store;

namespace SlurmSearch.Store.Tests.Store;

/// <summary>Every backend, for the one conformance suite all of them must pass.</summary>
public static class StoreBackends
{
    public static TheoryData<string> Names => ["pickle", "sqlite"];

    public static StateStore Open(string backend, string home) => StoreFactory.Open(backend, home);
}
