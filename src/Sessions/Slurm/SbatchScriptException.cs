namespace SlurmSearch.Sessions.Slurm;

/// <summary>A batch script cannot be built from its options or template: lists every problem found, not just the first.</summary>
public sealed class SbatchScriptException : SearchException
{
    private SbatchScriptException(string message, IReadOnlyList<string> problems)
        : base(message)
    {
        Problems = problems;
    }

    /// <summary>Each problem, one sentence naming the offending option or placeholder.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Creates the exception: <c>invalid sbatch script: {problem}; {problem}…</c>.</summary>
    public static SbatchScriptException For(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return new SbatchScriptException("invalid sbatch script: " + string.Join("; ", problems), [.. problems]);
    }
}
