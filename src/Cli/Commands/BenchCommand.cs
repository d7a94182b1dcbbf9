using System.CommandLine;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch bench …</c>: the measuring instruments whose figures go into benchmarks/README.md.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var bench = new Command("bench", "Benchmarks that print figures (recorded in benchmarks/README.md)");
        bench.Subcommands.Add(BenchStoreCommand.Build(context));
        bench.Subcommands.Add(BenchTpeCommand.Build(context));
        bench.Subcommands.Add(BenchWorkersCommand.Build(context));
        bench.Subcommands.Add(BenchListCommand.Build(context));
        bench.Subcommands.Add(BenchSlurmCommand.Build(context));
        bench.Subcommands.Add(BenchStoreCommand.BuildWorker(context));
        return bench;
    }
}
