using System.CommandLine;
using SlurmSearch.Store;
using SlurmSearch.Store.Pickle;

namespace SlurmSearch.Cli;

/// <summary>What a command needs: the writers, the environment and the parsed global options.</summary>
public sealed class CliContext
{
    private ParseResult? _parse;

    /// <summary>Creates the context.</summary>
    public CliContext(TextWriter output, TextWriter error, CliEnvironment environment)
    {
        Output = output;
        Error = error;
        Environment = environment;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>The process environment.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>The global options.</summary>
    public GlobalOptions Globals { get; } = new();

    /// <summary>True with <c>--verbose</c>.</summary>
    public bool Verbose => _parse?.GetValue(Globals.Verbose) ?? false;

    /// <summary>The resolved data home.</summary>
    public string Home => StoreHome.Resolve(_parse?.GetValue(Globals.Home), Environment.GetVariable);

    /// <summary>The backend name: <c>--backend</c>, else $SSEARCH_BACKEND, else pickle.</summary>
    public string BackendName
    {
        get
        {
            var name = _parse?.GetValue(Globals.Backend) ?? Environment.GetVariable("SSEARCH_BACKEND") ?? "pickle";
            return name is "pickle" or "sqlite" ? name : throw new UsageException($"unknown backend '{name}' (pickle or sqlite)");
        }
    }

    /// <summary>Opens the store of the configured home and backend.</summary>
    public StateStore OpenStore() =>
        StoreFactory.Open(BackendName, Home, _parse?.GetValue(Globals.Strict) == true ? new PickleReaderOptions { Strict = true } : null);

    /// <summary>The argv prefix that starts another ssearch on the same home and backend (workers, benchmark processes).</summary>
    public IReadOnlyList<string> WorkerCommand() => [.. Environment.SelfCommand, "--home", Home, "--backend", BackendName];

    internal void Bind(ParseResult parse) => _parse = parse;
}
