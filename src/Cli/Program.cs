namespace SlurmSearch.Cli;

/// <summary>Entry point of <c>ssearch</c>: composes the commands and invokes them.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
