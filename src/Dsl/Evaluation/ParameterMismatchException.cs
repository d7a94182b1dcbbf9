namespace SlurmSearch.Dsl.Evaluation;

/// <summary>A resume refused because the experiment now runs with other parameters than the ones it was started with.</summary>
public sealed class ParameterMismatchException : SearchException
{
    private ParameterMismatchException(string message, string commandLine)
        : base(message) => CommandLine = commandLine;

    /// <summary>The command line that resumes the experiment with its own parameters.</summary>
    public string CommandLine { get; }

    /// <summary>Creates the exception naming the differing parameters and the right command line.</summary>
    public static ParameterMismatchException For(string experiment, IReadOnlyList<string> differences, string commandLine) =>
        new($"{experiment} was started with other parameters ({string.Join(", ", differences)}); resume it with: {commandLine}", commandLine);
}
