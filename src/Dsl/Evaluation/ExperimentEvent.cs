namespace SlurmSearch.Dsl.Evaluation;

/// <summary>Progress of an evaluation, one line for the user (a sub-session registered or resumed, a trial finished, a node complete).</summary>
/// <param name="Path">The AST path it concerns (parts joined with <c>.</c>), or empty.</param>
/// <param name="Message">What happened.</param>
public sealed record ExperimentEvent(string Path, string Message)
{
    /// <summary><c>[path] message</c>, as the original printed partial results.</summary>
    public override string ToString() => Path.Length == 0 ? Message : $"[{Path}] {Message}";
}
