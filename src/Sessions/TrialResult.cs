namespace SlurmSearch.Sessions;

/// <summary>What running a trial produced: a loss (status ok) or a failure, plus any extra fields the objective reported.</summary>
public sealed record TrialResult
{
    private TrialResult(bool ok, double? loss, IReadOnlyDictionary<string, object?> extra, string? error, int? exitCode)
    {
        IsOk = ok;
        Loss = loss;
        Extra = extra;
        Error = error;
        ExitCode = exitCode;
    }

    /// <summary>True for status <c>ok</c>.</summary>
    public bool IsOk { get; }

    /// <summary>The loss (ok results only).</summary>
    public double? Loss { get; }

    /// <summary>Extra fields reported by the objective (kept in the trial's result dict), or failure details.</summary>
    public IReadOnlyDictionary<string, object?> Extra { get; }

    /// <summary>Why the trial failed.</summary>
    public string? Error { get; }

    /// <summary>The objective's exit code, when it was a process.</summary>
    public int? ExitCode { get; }

    /// <summary>A successful result; throws for a NaN loss (report a failure instead).</summary>
    public static TrialResult Ok(double loss, IReadOnlyDictionary<string, object?>? extra = null)
    {
        if (double.IsNaN(loss))
        {
            throw new ArgumentException("a loss of NaN is not a result: report a failure", nameof(loss));
        }

        return new(true, loss, extra ?? new Dictionary<string, object?>(), null, 0);
    }

    /// <summary>A successful result without a loss (a sweep run that exited 0 and reported none); <c>show</c> lists it as ok.</summary>
    public static TrialResult Succeeded(IReadOnlyDictionary<string, object?>? extra = null) =>
        new(true, null, extra ?? new Dictionary<string, object?>(), null, 0);

    /// <summary>A failed result.</summary>
    public static TrialResult Fail(string error, int? exitCode = null, IReadOnlyDictionary<string, object?>? extra = null) =>
        new(false, null, extra ?? new Dictionary<string, object?>(), error, exitCode);
}
