using System.CommandLine;

namespace SlurmSearch.Cli;

/// <summary>Options every command accepts.</summary>
public sealed class GlobalOptions
{
    /// <summary><c>--home DIR</c>: the data home (else $SSEARCH_HOME, else ~/hyperparameters).</summary>
    public Option<string?> Home { get; } = new("--home") { Description = "Data home (default: $SSEARCH_HOME, else ~/hyperparameters)", Recursive = true, HelpName = "DIR" };

    /// <summary><c>--backend</c>: the store backend.</summary>
    public Option<string?> Backend { get; } = CreateBackend();

    /// <summary><c>--strict</c>: refuse pickles that reference any foreign Python global.</summary>
    public Option<bool> Strict { get; } = new("--strict") { Description = "Refuse state files that reference foreign Python objects (functions, classes)", Recursive = true };

    /// <summary><c>--verbose</c>: stack traces on errors.</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Print stack traces with errors", Recursive = true };

    private static Option<string?> CreateBackend()
    {
        var option = new Option<string?>("--backend") { Description = "State backend: pickle (default, NFS-safe) or sqlite (local disk only); also $SSEARCH_BACKEND", Recursive = true, HelpName = "pickle|sqlite" };
        option.AcceptOnlyFromAmong("pickle", "sqlite");
        return option;
    }
}
