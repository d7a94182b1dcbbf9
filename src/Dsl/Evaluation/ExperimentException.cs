namespace SlurmSearch.Dsl.Evaluation;

/// <summary>An experiment that cannot be evaluated, resumed, shown or stopped: a missing parameter, a bad measure, a parameter mismatch.</summary>
public sealed class ExperimentException : SearchException
{
    private ExperimentException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception (exit code 2).</summary>
    public static ExperimentException Because(string message, Exception? inner = null) => new(message, inner);
}
