using System.Runtime.InteropServices;

namespace SlurmSearch.Cli.Commands;

/// <summary>Notes whether SIGUSR1 (Slurm's <c>--signal=B:USR1@margin</c> warning, forwarded by the batch script) arrived, as opposed to SIGTERM/SIGINT.</summary>
/// <remarks>Registered beside the handler that stops the worker; .NET calls every registration of a signal.</remarks>
internal sealed class TimeLimitSignal : IDisposable
{
    private const int SigUsr1 = 10;
    private readonly PosixSignalRegistration? _registration;
    private volatile bool _received;

    public TimeLimitSignal()
    {
        if (OperatingSystem.IsLinux())
        {
            _registration = PosixSignalRegistration.Create((PosixSignal)SigUsr1, context =>
            {
                context.Cancel = true;
                _received = true;
            });
        }
    }

    /// <summary>Whether SIGUSR1 arrived since this was created.</summary>
    public bool Received => _received;

    public void Dispose() => _registration?.Dispose();
}
