namespace SlurmSearch.Sessions.Slurm;

/// <summary>Runs one Slurm command and returns what it did; the seam between <see cref="SlurmClient"/> and the machine.</summary>
/// <remarks>
/// Implementations: <see cref="ProcessSlurmCommandRunner"/> runs the real tools, <see cref="DryRunSlurmCommandRunner"/>
/// records instead of running (for <c>--dry-run</c>), <see cref="RecordingSlurmCommandRunner"/> records while delegating.
/// </remarks>
public interface ISlurmCommandRunner
{
    /// <summary>Runs <paramref name="command"/> to completion.</summary>
    /// <exception cref="SlurmUnavailableException">The program is not installed.</exception>
    /// <exception cref="SlurmCommandException">The program did not finish in time.</exception>
    public SlurmCommandResult Run(SlurmCommand command);
}
