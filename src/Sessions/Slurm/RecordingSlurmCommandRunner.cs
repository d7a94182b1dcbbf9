namespace SlurmSearch.Sessions.Slurm;

/// <summary>Delegates to another runner and keeps every command and its result, in order (for <c>--verbose</c> logs and tests).</summary>
public sealed class RecordingSlurmCommandRunner : ISlurmCommandRunner
{
    private readonly ISlurmCommandRunner _inner;
    private readonly List<(SlurmCommand Command, SlurmCommandResult Result)> _calls = [];
    private readonly Lock _gate = new();

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public RecordingSlurmCommandRunner(ISlurmCommandRunner inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>A copy of the commands run so far, in order, with their results.</summary>
    public IReadOnlyList<(SlurmCommand Command, SlurmCommandResult Result)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>A copy of the commands run so far, in order.</summary>
    public IReadOnlyList<SlurmCommand> Commands => [.. Calls.Select(c => c.Command)];

    /// <inheritdoc />
    public SlurmCommandResult Run(SlurmCommand command)
    {
        var result = _inner.Run(command);
        lock (_gate)
        {
            _calls.Add((command, result));
        }

        return result;
    }
}
