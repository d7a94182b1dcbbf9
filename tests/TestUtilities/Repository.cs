namespace SlurmSearch.TestUtilities;

/// <summary>Locates files of the repository from a test's output directory.</summary>
public static class Repository
{
    /// <summary>The repository root (the directory holding Search.sln).</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Search.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Search.sln not found above " + AppContext.BaseDirectory);
    }
}
