namespace SlurmSearch.Sessions.Slurm;

/// <summary>Whether Slurm can be used from this machine, and if not, why (one line for the user).</summary>
/// <param name="IsAvailable">True when the tools are installed and the controller answers.</param>
/// <param name="Reason">Why not, or null when available.</param>
public sealed record SlurmAvailability(bool IsAvailable, string? Reason);
