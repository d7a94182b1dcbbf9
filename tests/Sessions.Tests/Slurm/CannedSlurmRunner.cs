using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Tests.Slurm;

/// <summary>Answers each command with a fixed result and records it: feeds the client output that real Slurm printed (see NOTES.md) or cannot print here (multi-cluster ids).</summary>
internal sealed class CannedSlurmRunner(SlurmCommandResult answer) : ISlurmCommandRunner
{
    public List<SlurmCommand> Commands { get; } = [];

    public SlurmCommandResult Run(SlurmCommand command)
    {
        Commands.Add(command);
        return answer;
    }
}
