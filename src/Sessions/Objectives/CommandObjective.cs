using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SlurmSearch.Sessions.Objectives;

/// <summary>
/// Runs a command (any language) per trial with <c>/bin/sh -c</c>. Parameters reach it as <c>{prefix}{name}={value}</c>
/// arguments (nested names joined with <c>.</c>), by <c>{name}</c> substitution, and as JSON in <c>$SSEARCH_PARAMS</c>; it
/// reports through <c>$SSEARCH_RESULT</c> or stdout (see <see cref="ResultParser"/>). Output goes to
/// <c>logs/trial_&lt;tid&gt;.out|.err</c>. A non-zero exit, a timeout or no parsable result is a failed trial.
/// </summary>
public sealed partial class CommandObjective : IObjective
{
    private const int TailBytes = 64 * 1024;
    private const int StderrTailChars = 2000;
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(5);

    // Parameters may hold inf or nan (e.g. the original's train_episodes = inf): written as the strings "Infinity", "NaN".
    private static readonly JsonSerializerOptions ParamsJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly ObjectiveSpec _spec;
    private readonly TimeSpan? _timeout;

    /// <summary>Creates the objective.</summary>
    public CommandObjective(ObjectiveSpec spec, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Command);
        _spec = spec;
        _timeout = timeout;
    }

    /// <summary>The shell command line a trial with these parameters runs.</summary>
    public string CommandLine(object? parameters)
    {
        var flat = Flatten(parameters);
        var substituted = false;
        var command = Placeholder().Replace(_spec.Command, match =>
        {
            if (!flat.TryGetValue(match.Groups[1].Value, out var value))
            {
                return match.Value; // not a parameter: left for the command (e.g. a brace in an awk script)
            }

            substituted = true;
            return ShellQuote(value);
        });
        if (_spec.AppendArguments ?? !substituted)
        {
            var builder = new StringBuilder(command);
            foreach (var (name, value) in flat)
            {
                builder.Append(' ').Append(ShellQuote($"{_spec.Prefix}{name}={value}"));
            }

            command = builder.ToString();
        }

        return command;
    }

    /// <summary>Parameters as name → argument text: nested dicts joined with <c>.</c>, lists as JSON; the original's one-element list of the space is unwrapped.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(object? parameters)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parameters is IList<object?> { Count: 1 } single && single[0] is IDictionary<string, object?>)
        {
            parameters = single[0];
        }

        if (parameters is IDictionary<string, object?> dict)
        {
            Walk(dict, string.Empty, flat);
        }
        else if (parameters is not null)
        {
            flat["value"] = Argument(parameters);
        }

        return flat;
    }

    /// <inheritdoc />
    public async Task<TrialResult> RunAsync(TrialContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Directory.CreateDirectory(context.LogDirectory);
        var stem = Path.Combine(context.LogDirectory, $"trial_{context.Tid}");
        var resultPath = stem + ".result.json";
        File.Delete(resultPath);

        // setsid(1) makes the shell lead a process group of its own (it execs without forking, since our child is not
        // a group leader), so stopping a trial signals the whole group: a grandchild (python, sleep) must not outlive
        // its shell and keep our pipes open.
        var psi = new ProcessStartInfo(Setsid ?? "/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        if (Setsid is not null)
        {
            psi.ArgumentList.Add("/bin/sh");
        }

        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(CommandLine(context.Parameters));
        psi.Environment["SSEARCH_PARAMS"] = JsonSerializer.Serialize(context.Parameters, ParamsJson);
        psi.Environment["SSEARCH_SESSION"] = context.Session;
        psi.Environment["SSEARCH_TRIAL_ID"] = context.Tid.ToString(CultureInfo.InvariantCulture);
        psi.Environment["SSEARCH_WORKER_ID"] = context.Worker;
        psi.Environment["SSEARCH_RESULT"] = resultPath;
        foreach (var (name, value) in context.Environment)
        {
            psi.Environment[name] = value;
        }

        using var process = Process.Start(psi) ?? throw SessionException.Because("could not start /bin/sh for the objective");
        await using var stdoutFile = new FileStream(stem + ".out", FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
        await using var stderrFile = new FileStream(stem + ".err", FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
        var stdout = Pump(process.StandardOutput.BaseStream, stdoutFile);
        var stderr = Pump(process.StandardError.BaseStream, stderrFile);

        using var timeout = _timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return TrialResult.Fail($"timed out after {_timeout!.Value.TotalSeconds:0.###} s", extra: Details(null, await stderr.ConfigureAwait(false)));
        }

        var outTail = await stdout.ConfigureAwait(false);
        var errTail = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var lastError = errTail.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
            return TrialResult.Fail($"exit code {process.ExitCode}" + (lastError is null ? string.Empty : $": {lastError}"), process.ExitCode, Details(process.ExitCode, errTail));
        }

        return ResultParser.Parse(File.Exists(resultPath) ? await File.ReadAllTextAsync(resultPath, cancellationToken).ConfigureAwait(false) : null, outTail);
    }

    /// <summary>Quotes a word for a POSIX shell (single quotes; embedded quotes closed and escaped).</summary>
    public static string ShellQuote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',' or '+' or '@' or '%'))
        {
            return text;
        }

        return "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static void Walk(IDictionary<string, object?> dict, string prefix, Dictionary<string, string> flat)
    {
        foreach (var (key, value) in dict)
        {
            var name = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is IDictionary<string, object?> nested)
            {
                Walk(nested, name, flat);
            }
            else
            {
                flat[name] = Argument(value);
            }
        }
    }

    private static string Argument(object? value) => value switch
    {
        IList<object?> list => JsonSerializer.Serialize(list, ParamsJson),
        _ => PyPlain.FormatArgument(value),
    };

    private static Dictionary<string, object?> Details(int? exitCode, string stderrTail)
    {
        var details = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (exitCode is { } code)
        {
            details["exit_code"] = code;
        }

        var tail = stderrTail.Length > StderrTailChars ? stderrTail[^StderrTailChars..] : stderrTail;
        if (tail.Length > 0)
        {
            details["stderr_tail"] = tail;
        }

        return details;
    }

    /// <summary>Copies a child's stream to its log file and keeps the last <see cref="TailBytes"/> as text.</summary>
    private static async Task<string> Pump(Stream source, Stream file)
    {
        var buffer = new byte[8192];
        var tail = new byte[TailBytes];
        var tailLength = 0;
        int read;
        while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            if (read >= TailBytes)
            {
                Array.Copy(buffer, read - TailBytes, tail, 0, TailBytes);
                tailLength = TailBytes;
            }
            else
            {
                var keep = Math.Min(tailLength, TailBytes - read);
                Array.Copy(tail, tailLength - keep, tail, 0, keep);
                Array.Copy(buffer, 0, tail, keep, read);
                tailLength = keep + read;
            }
        }

        await file.FlushAsync().ConfigureAwait(false);
        return Encoding.UTF8.GetString(tail, 0, tailLength);
    }

    /// <summary>SIGTERM first (the objective may save a checkpoint), the whole tree killed after a grace period.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Signal(process, ProcessSignals.Terminate);
            using var grace = new CancellationTokenSource(TerminationGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (Setsid is not null)
        {
            Signal(process, ProcessSignals.Kill);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The setsid(1) program when present (util-linux, on every Debian); without it only the shell is signalled.</summary>
    private static string? Setsid { get; } = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    [GeneratedRegex(@"(?<!\$)\{([A-Za-z_][A-Za-z0-9_.:-]*)\}")]
    private static partial Regex Placeholder();

    // Under setsid the shell leads its own group: signal the whole group, so its children stop with it.
    private static void Signal(Process process, int signal) =>
        _ = Setsid is not null ? ProcessSignals.SendToGroup(process.Id, signal) : ProcessSignals.Send(process.Id, signal);
}
