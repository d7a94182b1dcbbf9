using System.CommandLine;
using SlurmSearch.Cli.Commands;

namespace SlurmSearch.Cli;

/// <summary>Builds and runs the <c>ssearch</c> command tree against the given writers (tests capture them).</summary>
public static class CliApp
{
    /// <summary>Exit code for usage errors (bad flags or arguments).</summary>
    public const int UsageError = 1;

    /// <summary>Exit code for an unexpected internal failure.</summary>
    public const int InternalError = 70;

    /// <summary>Runs <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var context = new CliContext(stdout, stderr, environment ?? CliEnvironment.FromProcess());
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {OneLine(parse.Errors[0].Message)} (see '{CommandPath(parse)} --help')");
            return UsageError;
        }

        context.Bind(parse);
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception e) when (Unwrap(e) is SearchException domain)
        {
            stderr.WriteLine($"error: {OneLine(domain.Message)}");
            WriteTrace(context, domain);
            return domain.ExitCode;
        }
        catch (Exception e) when (Unwrap(e) is UsageException usage)
        {
            stderr.WriteLine($"error: {OneLine(usage.Message)}");
            return UsageError;
        }
        catch (Exception e) when (Unwrap(e) is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {OneLine(Unwrap(e).Message)}");
            WriteTrace(context, e);
            return 2;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"error: internal error: {OneLine(Unwrap(e).Message)} (run with --verbose for details)");
            WriteTrace(context, e);
            return InternalError;
        }
    }

    /// <summary>The command tree; every command class adds itself here.</summary>
    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("ssearch — hyperparameter search sessions on local workers and Slurm, stored as Python pickles.");
        root.Options.Add(context.Globals.Home);
        root.Options.Add(context.Globals.Backend);
        root.Options.Add(context.Globals.Strict);
        root.Options.Add(context.Globals.Verbose);
        root.Subcommands.Add(DemoCommand.Build(context));
        root.Subcommands.Add(ListCommand.Build(context));
        root.Subcommands.Add(StartCommand.Build(context));
        root.Subcommands.Add(RestartCommand.Build(context));
        root.Subcommands.Add(StopCommand.Build(context));
        root.Subcommands.Add(StopCommand.BuildAll(context));
        root.Subcommands.Add(ShowCommand.Build(context));
        root.Subcommands.Add(InspectStateCommand.Build(context));
        root.Subcommands.Add(DelTrialCommand.Build(context));
        root.Subcommands.Add(LogsCommand.Build(context));
        root.Subcommands.Add(WorkOnCommand.Build(context));
        root.Subcommands.Add(SweepTaskCommand.Build(context));
        root.Subcommands.Add(ExportCommand.Build(context));
        root.Subcommands.Add(WatchCommand.Build(context));
        root.Subcommands.Add(StateCommand.Build(context));
        root.Subcommands.Add(LocksCommand.Build(context));
        root.Subcommands.Add(BenchCommand.Build(context));
        root.Subcommands.Add(RunExpCommand.Build(context));
        root.Subcommands.Add(ReportCommand.Build(context));
        root.Subcommands.Add(SweepCommand.Build(context));
        return root;
    }

    private static string CommandPath(ParseResult parse) =>
        "ssearch" + string.Concat(parse.CommandResult.Command.Name is var n && parse.CommandResult.Parent is null ? string.Empty : " " + n);

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0])
        : e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? Unwrap(inner)
        : e;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static void WriteTrace(CliContext context, Exception e)
    {
        if (context.Verbose)
        {
            context.Error.WriteLine(e.ToString());
        }
    }
}
