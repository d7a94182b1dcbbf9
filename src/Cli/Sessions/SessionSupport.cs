using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Executors;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Sessions.Workers;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Sessions;

/// <summary>What the session commands share: key resolution, objectives, running executors under signals, printing.</summary>
internal static class SessionSupport
{
    /// <summary>The original's rule: a bare name means <c>slurm:NAME</c>.</summary>
    public static StateKey Key(string text) => StateKey.ParseWithDefaultType(text, "slurm");

    /// <summary>Opens an existing session; a missing one is a clear error.</summary>
    public static SearchSession Open(StateStore store, string text)
    {
        var key = Key(text);
        if (!store.Exists(key))
        {
            throw StateNotFoundException.For(key);
        }

        return new SearchSession(store, key);
    }

    /// <summary>The objective a session's workers run: its stored command, or a refusal naming what was stored.</summary>
    public static IObjective Objective(SessionView view)
    {
        if (view.Objective is { } spec)
        {
            var timeout = view.Extra.TryGetValue("trial_timeout", out var t) && t is double seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            return new CommandObjective(spec, timeout);
        }

        var stored = view.ForeignObjective is null ? "no objective" : $"the Python objective {view.ForeignObjective}";
        throw SessionException.Because($"{view.Key} has {stored}, which ssearch cannot run: give one with --objective 'COMMAND'");
    }

    /// <summary>Checks that the first word of an objective command exists, so a typo fails at once instead of as N failed trials.</summary>
    public static void CheckCommandExists(string command)
    {
        var first = command.TrimStart().Split([' ', '\t'], 2)[0];
        if (first.Length == 0)
        {
            throw new UsageException("--objective is empty");
        }

        // Assignments, expansions, quotes and shell syntax are the shell's business.
        if (first.IndexOfAny(['=', '$', '\'', '"', '(', '{', '`', '|', ';', '&', '<', '>']) >= 0 || ShellWords.Contains(first))
        {
            return;
        }

        var found = first.Contains('/', StringComparison.Ordinal)
            ? File.Exists(first)
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, first)));
        if (!found)
        {
            throw SessionException.Because($"objective command '{first}' not found (not a file, not on PATH)");
        }
    }

    /// <summary>Runs an executor until done; SIGINT, SIGTERM and SIGUSR1 hand running trials back and stop cleanly.</summary>
    public static ExecutionReport Run(Executor executor, ExecutionRequest request)
    {
        using var stop = new CancellationTokenSource();
        using var signals = StopSignals.Register(stop);
        return executor.RunAsync(request, stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="body"/> to its end; SIGINT, SIGTERM and SIGUSR1 cancel its token instead of killing the process.</summary>
    public static T RunUntilStopped<T>(Func<CancellationToken, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var stop = new CancellationTokenSource();
        using var signals = StopSignals.Register(stop);
        return body(stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Runs one worker until done; the same signals hand its running trial back.</summary>
    public static WorkerReport RunWorker(SessionWorker worker)
    {
        using var stop = new CancellationTokenSource();
        using var signals = StopSignals.Register(stop);
        return worker.RunAsync(stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Prints trial events as lines (what a log file wants; also fine in a terminal).</summary>
    public static IProgress<TrialEvent> Printer(TextWriter output) => new SynchronousProgress<TrialEvent>(e =>
    {
        if (e.Started || e.Result is null)
        {
            return;
        }

        lock (output)
        {
            output.WriteLine(e.Result.IsOk
                ? string.Create(CultureInfo.InvariantCulture, $"trial {e.Tid}: ok, loss {e.Result.Loss:G6} ({e.Worker})")
                : $"trial {e.Tid}: fail, {e.Result.Error} ({e.Worker})");
            output.Flush();
        }
    });

    /// <summary>Compact JSON of a parameter tree.</summary>
    public static string Json(object? value) => JsonSerializer.Serialize(value);

    /// <summary>A short number.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static readonly HashSet<string> ShellWords = new(StringComparer.Ordinal)
    {
        "exec", "env", "cd", "echo", "true", "false", "test", "[", "printf", "sleep", "exit", "if", "for", "while", "case", "set", "export", "eval", ".", "source", "nice", "timeout", "time",
    };

    /// <summary>Reports progress on the calling thread at once (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>SIGINT, SIGTERM and SIGUSR1 (Slurm's pre-timeout signal) cancel instead of killing the process.</summary>
    private static class StopSignals
    {
        private const int SigUsr1 = 10;

        public static IDisposable Register(CancellationTokenSource stop)
        {
            var registrations = new List<PosixSignalRegistration>();
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, (PosixSignal)SigUsr1 })
                {
                    registrations.Add(PosixSignalRegistration.Create(signal, context =>
                    {
                        context.Cancel = true;
                        stop.Cancel();
                    }));
                }
            }

            return new Registrations(registrations);
        }

        private sealed class Registrations(List<PosixSignalRegistration> items) : IDisposable
        {
            public void Dispose()
            {
                foreach (var item in items)
                {
                    item.Dispose();
                }
            }
        }
    }
}
