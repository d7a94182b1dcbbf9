using System.Globalization;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>Runs nothing: records each command for display and answers as an empty cluster would (<c>--dry-run</c>).</summary>
/// <remarks>
/// sbatch "succeeds" with made-up job ids 1, 2, 3, … (as a freshly started Slurm would hand out); squeue reports an
/// empty queue; scancel and scontrol succeed silently.
/// </remarks>
public sealed class DryRunSlurmCommandRunner : ISlurmCommandRunner
{
    private readonly List<SlurmCommand> _commands = [];
    private readonly Lock _gate = new();
    private int _nextJobId = 1;

    /// <summary>A copy of the commands that would have run, in order.</summary>
    public IReadOnlyList<SlurmCommand> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <inheritdoc />
    public SlurmCommandResult Run(SlurmCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_gate)
        {
            _commands.Add(command);
            return Path.GetFileName(command.Program) == "sbatch"
                ? SlurmCommandResult.Success((_nextJobId++).ToString(CultureInfo.InvariantCulture) + "\n")
                : SlurmCommandResult.Success();
        }
    }
}
