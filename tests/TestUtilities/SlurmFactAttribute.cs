using Xunit;

namespace SlurmSearch.TestUtilities;

/// <summary>A fact that needs a real Slurm: skipped when Slurm is not usable, unless this machine requires it (CI), where it runs and fails.</summary>
/// <remarks>
/// xunit 2.9 has no dynamic skip, so the decision is made when the attribute is read. Tests should start with
/// <see cref="SlurmEnvironment.RequireAvailable"/> so that a required-but-broken Slurm fails with the probe's reason.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SlurmFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Slurm is unavailable and not required.</summary>
    public SlurmFactAttribute()
    {
        if (!SlurmEnvironment.IsAvailable && !SlurmEnvironment.IsRequired)
        {
            Skip = SlurmEnvironment.SkipReason;
        }
    }
}
