namespace SlurmSearch.Agents.Cli;

/// <summary>Which agent runs: the learning A2C, or the instant debug agent of the original.</summary>
internal enum AgentKind
{
    A2c,
    Debug,
}
