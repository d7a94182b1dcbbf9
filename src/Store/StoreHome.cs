namespace SlurmSearch.Store;

/// <summary>Resolves the data home: <c>--home DIR</c>, else <c>$SSEARCH_HOME</c>, else <c>~/hyperparameters</c> (the original's root).</summary>
public static class StoreHome
{
    /// <summary>The environment variable naming the home.</summary>
    public const string EnvironmentVariable = "SSEARCH_HOME";

    /// <summary>Returns the absolute home directory for an optional explicit value.</summary>
    public static string Resolve(string? explicitHome, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var home = !string.IsNullOrWhiteSpace(explicitHome) ? explicitHome
            : environment(EnvironmentVariable) is { Length: > 0 } fromEnv ? fromEnv
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "hyperparameters");
        return Path.GetFullPath(home);
    }
}
