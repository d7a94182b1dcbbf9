using System.ComponentModel;
using System.Diagnostics;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>Runs Slurm commands as child processes (argument list, no shell), capturing their output, with a timeout.</summary>
/// <remarks>
/// A worker of one generation submits the next one from inside its own job. The job's <c>SLURM_*</c> variables
/// (job id, array task, memory and CPU settings, …) would then leak into the new job's environment, where
/// sbatch/srun read some of them as options; so inside a job (<c>SLURM_JOB_ID</c> set) they are removed from the
/// commands' environment, except the user settings in <see cref="KeptSlurmVariables"/>.
/// </remarks>
public sealed class ProcessSlurmCommandRunner : ISlurmCommandRunner
{
    /// <summary>SLURM_ variables that are the user's settings rather than a job's state, kept even inside a job.</summary>
    public static readonly IReadOnlyList<string> KeptSlurmVariables = ["SLURM_CONF", "SLURM_CLUSTERS", "SLURM_TIME_FORMAT", "SLURM_DEBUG_FLAGS"];

    /// <summary>The timeout used when none is given: long enough for a busy controller (squeue retries for ~20 s when it is down).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private readonly TimeSpan _timeout;
    private readonly string? _workingDirectory;
    private readonly IReadOnlyDictionary<string, string>? _environment;

    /// <summary>Creates a runner.</summary>
    /// <param name="timeout">How long a command may take before it is killed (default <see cref="DefaultTimeout"/>).</param>
    /// <param name="workingDirectory">Where commands run (default: the current directory); sbatch records it as the submit directory.</param>
    /// <param name="environment">The commands' whole environment (default: this process's), before job variables are removed.</param>
    public ProcessSlurmCommandRunner(TimeSpan? timeout = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var t = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(timeout));
        _timeout = t;
        _workingDirectory = workingDirectory;
        _environment = environment;
    }

    /// <summary>The names to drop from <paramref name="environment"/> before running a Slurm command: a job's SLURM_ variables when it has SLURM_JOB_ID, else none.</summary>
    public static IReadOnlyList<string> InheritedJobVariables(IEnumerable<string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var names = environment.ToList();
        return names.Contains("SLURM_JOB_ID", StringComparer.Ordinal)
            ? [.. names.Where(n => (n.StartsWith("SLURM_", StringComparison.Ordinal) || n.StartsWith("SLURMD_", StringComparison.Ordinal))
                && !KeptSlurmVariables.Contains(n, StringComparer.Ordinal))]
            : [];
    }

    /// <inheritdoc />
    public SlurmCommandResult Run(SlurmCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var info = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (_workingDirectory is not null)
        {
            info.WorkingDirectory = _workingDirectory;
        }

        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (_environment is not null)
        {
            info.Environment.Clear();
            foreach (var (name, value) in _environment)
            {
                info.Environment[name] = value;
            }
        }

        foreach (var name in InheritedJobVariables([.. info.Environment.Keys]))
        {
            info.Environment.Remove(name);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw SlurmUnavailableException.NotInstalled(command.Program);
        }
        catch (Win32Exception e)
        {
            // ENOENT (not on PATH) and EACCES (not executable) both mean: this machine cannot run it.
            throw SlurmUnavailableException.NotInstalled(command.Program, e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It ended between the timeout and the kill.
                }

                process.WaitForExit();
                throw SlurmCommandException.TimedOut(command, _timeout);
            }

            // The parameterless overload also waits for the output pipes to drain.
            process.WaitForExit();
            return new SlurmCommandResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }
}
