namespace SlurmSearch.Cli.Experiments;

/// <summary>
/// Where <c>run_exp</c> finds experiments (<c>NAME.exp</c>): <c>--experiments DIR</c>, else <c>$SSEARCH_EXPERIMENTS</c>, else
/// <c>./experiments</c>, else <c>experiments/</c> beside the executable, else <c>../share/ssearch/experiments</c> from it (where install.sh puts the shipped ones).
/// </summary>
internal static class ExperimentFiles
{
    public const string Extension = ".exp";

    public static string Directory(string? option, Func<string, string?> environment)
    {
        if (option is { Length: > 0 })
        {
            return System.IO.Directory.Exists(option) ? Path.GetFullPath(option) : throw new UsageException($"--experiments {option}: no such directory");
        }

        if (environment("SSEARCH_EXPERIMENTS") is { Length: > 0 } configured)
        {
            return System.IO.Directory.Exists(configured) ? Path.GetFullPath(configured) : throw new UsageException($"$SSEARCH_EXPERIMENTS={configured}: no such directory");
        }

        foreach (var candidate in new[]
        {
            Path.Combine(System.Environment.CurrentDirectory, "experiments"),
            Path.Combine(AppContext.BaseDirectory, "experiments"),
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "share", "ssearch", "experiments")),
        })
        {
            if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "*" + Extension).Any())
            {
                return candidate;
            }
        }

        throw new UsageException("no experiments directory: run from the repository root, or give --experiments DIR (or $SSEARCH_EXPERIMENTS)");
    }

    public static IReadOnlyList<string> Names(string directory) =>
        [.. System.IO.Directory.EnumerateFiles(directory, "*" + Extension).Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public static string PathOf(string directory, string name)
    {
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            throw new UsageException($"'{name}' is not an experiment name");
        }

        var path = Path.Combine(directory, name + Extension);
        return File.Exists(path)
            ? path
            : throw new UsageException($"no experiment '{name}' in {directory} (experiments: {string.Join(", ", Names(directory))})");
    }
}
