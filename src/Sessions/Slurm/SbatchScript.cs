using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>A validated worker batch script: <c>#SBATCH</c> directives, a setup block and the command, run so that Slurm's signals reach the worker.</summary>
/// <remarks>
/// Slurm delivers <c>--signal=B:USR1@…</c> (and <c>scancel --batch</c>) to the batch shell only. bash runs a trap only
/// between commands, so a worker in the foreground would keep the signal from being handled until it ended. The
/// script therefore starts the worker in the background, traps USR1 and TERM, forwards them with <c>kill</c>, and
/// keeps <c>wait</c>ing (a trapped signal interrupts <c>wait</c>) until the worker is gone; it exits with the worker's
/// status. On scancel and at the time limit Slurm also signals the worker directly, so a worker may see TERM twice:
/// its handler must tolerate that. slurmctld checks time limits only every 30 s and sends the warning at the first
/// check where now ≥ end − margin − 30 s, so a margin close to the time limit can signal a worker that has only just
/// started: workers should install their USR1 handler first thing. The text is deterministic: the same options give
/// the same bytes.
/// </remarks>
public sealed partial class SbatchScript
{
    private const string PreludeText = """
        # Slurm signals only this shell (--signal=B:..., scancel --batch): forward USR1/TERM to the worker.
        ssearch_worker_pid=
        ssearch_pending_signal=
        ssearch_forward() {
          if [ -n "$ssearch_worker_pid" ]; then
            kill -s "$1" "$ssearch_worker_pid" 2>/dev/null
          else
            ssearch_pending_signal=$1
          fi
        }
        trap 'ssearch_forward USR1' USR1
        trap 'ssearch_forward TERM' TERM
        """;

    // "wait" returns >128 when a trapped signal interrupts it; the loop waits again while the worker lives. If the
    // worker ended meanwhile, bash still holds its status and a second wait returns it (127: already reported).
    private const string LaunchText = """
        [ "$ssearch_pending_signal" = TERM ] && exit 143
        {command_line} &
        ssearch_worker_pid=$!
        [ -n "$ssearch_pending_signal" ] && kill -s "$ssearch_pending_signal" "$ssearch_worker_pid" 2>/dev/null
        while :; do
          wait "$ssearch_worker_pid"
          ssearch_status=$?
          [ "$ssearch_status" -le 128 ] && break
          kill -0 "$ssearch_worker_pid" 2>/dev/null && continue
          wait "$ssearch_worker_pid" 2>/dev/null
          ssearch_late=$?
          [ "$ssearch_late" -ne 127 ] && ssearch_status=$ssearch_late
          break
        done
        exit "$ssearch_status"
        """;

    private SbatchScript(SbatchOptions options, string text, IReadOnlyList<string> directives)
    {
        Options = options;
        Text = text;
        Directives = directives;
    }

    /// <summary>The options the script was built from.</summary>
    public SbatchOptions Options { get; }

    /// <summary>The whole script, ending with a newline.</summary>
    public string Text { get; }

    /// <summary>The <c>#SBATCH</c> lines, in order.</summary>
    public IReadOnlyList<string> Directives { get; }

    /// <summary>The directories the output and error patterns write into (they must exist before sbatch runs, or the job fails with no log at all).</summary>
    public IReadOnlyList<string> OutputDirectories =>
        [.. new[] { Options.Output, Options.Error }
            .Where(p => p is not null)
            .Select(p => Path.GetDirectoryName(Path.Combine(Options.WorkingDirectory ?? string.Empty, p!)))
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => d!)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Validates <paramref name="options"/> (reporting every problem at once) and renders the script.</summary>
    /// <exception cref="SbatchScriptException">Any option or the template is invalid.</exception>
    public static SbatchScript Create(SbatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var directives = SbatchDirectives.Render(options, problems);
        var setup = RenderSetup(options, problems);
        var commandLine = RenderCommandLine(options, problems);
        if (options.Template is not null)
        {
            problems.AddRange(SbatchTemplate.Check(options.Template));
        }

        if (problems.Count > 0)
        {
            throw SbatchScriptException.For(problems);
        }

        var launch = LaunchText.Replace("{command_line}", commandLine, StringComparison.Ordinal);
        string text;
        if (options.Template is null)
        {
            var builder = new StringBuilder();
            builder.Append("#!/bin/bash\n");
            builder.Append("# Worker batch script written by SlurmSearch; it is rewritten for every submission.\n");
            foreach (var line in directives)
            {
                builder.Append(line).Append('\n');
            }

            builder.Append('\n').Append(PreludeText).Append("\n\n");
            if (setup.Length > 0)
            {
                builder.Append(setup).Append("\n\n");
            }

            builder.Append(launch).Append('\n');
            text = builder.ToString();
        }
        else
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["job_name"] = options.JobName,
                ["array"] = SbatchDirectives.ArraySpec(options) ?? string.Empty,
                ["command"] = PreludeText + "\n" + launch,
                ["command_line"] = commandLine,
                ["setup"] = setup,
                ["sbatch_directives"] = string.Join('\n', directives),
                ["output"] = options.Output ?? string.Empty,
                ["error"] = options.Error ?? string.Empty,
            };
            text = SbatchTemplate.Fill(options.Template.ReplaceLineEndings("\n"), values);
            if (!text.EndsWith('\n'))
            {
                text += "\n";
            }
        }

        return new SbatchScript(options, text, directives);
    }

    /// <summary>Creates the directories of the output and error patterns (see <see cref="OutputDirectories"/>).</summary>
    public void EnsureOutputDirectories()
    {
        foreach (var directory in OutputDirectories)
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>Writes the script to <paramref name="path"/> (replaced atomically, mode 0755) and creates the output directories, ready for <see cref="SlurmClient.Submit"/>.</summary>
    public void WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temp, Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.Move(temp, full, overwrite: true);
        EnsureOutputDirectories();
    }

    private static string RenderCommandLine(SbatchOptions options, List<string> problems)
    {
        if (options.Command is null || options.Command.Count == 0)
        {
            problems.Add("Command is empty: the script must run a worker");
            return string.Empty;
        }

        if (options.Command.Any(a => a is null || a.Contains('\0', StringComparison.Ordinal)))
        {
            problems.Add("Command has a null argument or one containing a NUL character");
            return string.Empty;
        }

        return ShellQuote.Join(options.Command);
    }

    private static string RenderSetup(SbatchOptions options, List<string> problems)
    {
        var lines = new List<string>();
        foreach (var (name, value) in options.EnvironmentVariables)
        {
            if (name is null || !EnvironmentName().IsMatch(name))
            {
                problems.Add($"environment variable name '{name}' is not a shell identifier");
            }
            else if (value is null || value.Contains('\0', StringComparison.Ordinal))
            {
                problems.Add($"environment variable {name} has a null value or one containing a NUL character");
            }
            else
            {
                lines.Add($"export {name}={ShellQuote.Quote(value)}");
            }
        }

        foreach (var module in options.ModuleLoads)
        {
            if (string.IsNullOrWhiteSpace(module) || module.Any(char.IsControl))
            {
                problems.Add($"module name '{module}' is empty or has a control character");
            }
            else
            {
                lines.Add("module load " + string.Join(' ', module.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ShellQuote.Quote)));
            }
        }

        if (options.CondaEnv is not null)
        {
            if (string.IsNullOrWhiteSpace(options.CondaEnv) || options.CondaEnv.Any(char.IsControl))
            {
                problems.Add($"conda environment '{options.CondaEnv}' is empty or has a control character");
            }
            else
            {
                // An assignment fails under "set -e" when conda is missing; "eval $(…)" alone would not.
                lines.Add("ssearch_conda_hook=$(conda shell.bash hook)");
                lines.Add("eval \"$ssearch_conda_hook\"");
                lines.Add("conda activate " + ShellQuote.Quote(options.CondaEnv));
            }
        }

        if (options.Venv is not null)
        {
            if (string.IsNullOrWhiteSpace(options.Venv) || options.Venv.Any(char.IsControl))
            {
                problems.Add($"virtual environment '{options.Venv}' is empty or has a control character");
            }
            else
            {
                lines.Add("source " + ShellQuote.Quote(options.Venv.TrimEnd('/') + "/bin/activate"));
            }
        }

        foreach (var line in options.Resources.Setup)
        {
            if (line is null || line.Contains('\n', StringComparison.Ordinal) || line.Contains('\0', StringComparison.Ordinal))
            {
                problems.Add($"setup line '{line}' is null or spans several lines (give one entry per line)");
            }
            else
            {
                lines.Add(line);
            }
        }

        if (lines.Count == 0)
        {
            return string.Empty;
        }

        // A failing setup step (module, conda, venv) must fail the job, not run the worker in the wrong environment.
        return "# Setup: any failing step ends the job.\nset -e\n" + string.Join('\n', lines) + "\nset +e";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
