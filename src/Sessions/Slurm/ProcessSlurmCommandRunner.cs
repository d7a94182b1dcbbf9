using System.ComponentModel;
using System.Diagnostics;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>Runs Slurm commands as child processes (argument list, no shell), capturing their output, with a timeout.</summary>
public sealed class ProcessSlurmCommandRunner : ISlurmCommandRunner
{
    /// <summary>The timeout used when none is given: long enough for a busy controller (squeue retries for ~20 s when it is down).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    private readonly TimeSpan _timeout;
    private readonly string? _workingDirectory;

    /// <summary>Creates a runner; <paramref name="workingDirectory"/> (default: the current one) is where sbatch records the submit directory.</summary>
    public ProcessSlurmCommandRunner(TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var t = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(timeout));
        _timeout = t;
        _workingDirectory = workingDirectory;
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
