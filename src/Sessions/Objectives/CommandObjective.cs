using System.Globalization;
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
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(context.LogDirectory);
        var stem = Path.Combine(context.LogDirectory, $"trial_{context.Tid}");
        var resultPath = stem + ".result.json";
        File.Delete(resultPath);

        // A resumed trial appends to the logs of its earlier attempt: only what this run writes is its output.
        var stdoutPath = stem + ".out";
        var stderrPath = stem + ".err";
        var stdoutStart = LengthOf(stdoutPath);
        var stderrStart = LengthOf(stderrPath);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? string.Empty;
        }

        environment["SSEARCH_PARAMS"] = PlainJson.Serialize(context.Parameters);
        environment["SSEARCH_SESSION"] = context.Session;
        environment["SSEARCH_TRIAL_ID"] = context.Tid.ToString(CultureInfo.InvariantCulture);
        environment["SSEARCH_WORKER_ID"] = context.Worker;
        environment["SSEARCH_RESULT"] = resultPath;
        foreach (var (name, value) in context.Environment)
        {
            environment[name] = value;
        }

        // In a session of its own: stopping the trial signals its whole group, so a grandchild (python, sleep) stops too.
        var process = ChildProcess.Start("/bin/sh", ["/bin/sh", "-c", CommandLine(context.Parameters)], environment, stdoutPath, stderrPath);
        using var timeout = _timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        int exitCode;
        try
        {
            exitCode = await process.Exited.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            await StopAsync(process).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return TrialResult.Fail($"timed out after {_timeout!.Value.TotalSeconds:0.###} s", extra: Details(null, Tail(stderrPath, stderrStart)));
        }

        if (exitCode != 0)
        {
            var errTail = Tail(stderrPath, stderrStart);
            var lastError = errTail.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
            return TrialResult.Fail($"exit code {exitCode}" + (lastError is null ? string.Empty : $": {lastError}"), exitCode, Details(exitCode, errTail));
        }

        var reported = File.Exists(resultPath) ? await File.ReadAllTextAsync(resultPath, cancellationToken).ConfigureAwait(false) : null;
        return ResultParser.Parse(reported, string.IsNullOrWhiteSpace(reported) ? Tail(stdoutPath, stdoutStart) : string.Empty);
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
        IList<object?> list => PlainJson.Serialize(list),
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

    private static long LengthOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    /// <summary>The last <see cref="TailBytes"/> of what was appended to <paramref name="path"/> after byte <paramref name="from"/>, as text.</summary>
    private static string Tail(string path, long from)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        var length = file.Length;
        var start = Math.Max(from, length - TailBytes);
        if (start >= length)
        {
            return string.Empty;
        }

        var bytes = new byte[length - start];
        file.Position = start;
        var read = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(bytes, 0, read);
    }

    /// <summary>SIGTERM to the trial's process group first (the objective may save a checkpoint), SIGKILL after a grace period.</summary>
    private static async Task StopAsync(ChildProcess process)
    {
        if (process.SignalGroup(ProcessSignals.Terminate))
        {
            try
            {
                await process.Exited.WaitAsync(TerminationGrace).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                process.SignalGroup(ProcessSignals.Kill);
            }
        }

        await process.Exited.ConfigureAwait(false);
    }

    [GeneratedRegex(@"(?<!\$)\{([A-Za-z_][A-Za-z0-9_.:-]*)\}")]
    private static partial Regex Placeholder();
}
