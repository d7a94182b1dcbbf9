using System.Globalization;
using System.Text.RegularExpressions;

namespace SlurmSearch.Sessions.Slurm;

/// <summary>A small client over the Slurm command-line tools: submit batch scripts, read the queue, cancel, signal and requeue jobs.</summary>
/// <remarks>
/// Every method runs exactly one command through the injected <see cref="ISlurmCommandRunner"/>, so a whole
/// generation of workers costs one sbatch and a status poll of many jobs costs one squeue.
/// </remarks>
public sealed partial class SlurmClient
{
    // squeue fields, one row per array task with -r: %F array master id, %K task index ("N/A" for a plain job),
    // %i display id (12_3), %A the task's own job id, %T state name, %r reason, %N node list.
    private const string QueueFormat = "%F|%K|%i|%A|%T|%r|%N";

    private readonly ISlurmCommandRunner _runner;

    /// <summary>Creates a client that runs its commands through <paramref name="runner"/>.</summary>
    public SlurmClient(ISlurmCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
    }

    /// <summary>Submits a batch script with <c>sbatch --parsable [extraArgs] scriptPath</c> and returns the job id (the array master id for an array).</summary>
    /// <param name="scriptPath">The batch script; its <c>#SBATCH</c> lines apply, and <paramref name="extraArgs"/> override them.</param>
    /// <param name="extraArgs">sbatch options placed before the script, e.g. <c>--dependency=afterany:12</c>.</param>
    /// <exception cref="SlurmUnavailableException">sbatch is not installed.</exception>
    /// <exception cref="SlurmSubmitException">sbatch rejected the job; carries sbatch's error text.</exception>
    public string Submit(string scriptPath, IEnumerable<string>? extraArgs = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptPath);
        var command = new SlurmCommand("sbatch", ["--parsable", .. extraArgs ?? [], scriptPath]);
        var result = _runner.Run(command);
        if (result.ExitCode != 0)
        {
            throw SlurmSubmitException.Rejected(scriptPath, result.ExitCode, result.Stderr);
        }

        // "--parsable" prints "id" or, on multi-cluster installations, "id;cluster".
        var last = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        var match = last is null ? null : ParsableJobId().Match(last);
        return match is { Success: true } ? match.Groups["id"].Value : throw SlurmSubmitException.UnreadableJobId(scriptPath, result.Stdout);
    }

    /// <summary>Reads the state of every task of <paramref name="jobIds"/> with ONE squeue call, pending ranges expanded (one row per task).</summary>
    /// <param name="jobIds">Job ids (<c>12</c>) or task ids (<c>12_3</c>); no call is made when empty.</param>
    /// <param name="includeFinished">Also list tasks that ended recently (Slurm keeps them for its MinJobAge, 300 s by default).</param>
    /// <remarks>Ids Slurm no longer knows (purged after MinJobAge) are simply absent from the result.</remarks>
    public SlurmQueue Queue(IEnumerable<string> jobIds, bool includeFinished = false)
    {
        var ids = ValidIds(jobIds);
        if (ids.Count == 0)
        {
            return SlurmQueue.Empty;
        }

        // Always "-t all" and filter here: a user's SQUEUE_STATES must not change what we see.
        var command = new SlurmCommand("squeue", ["--noheader", "--array", "--states=all", "--jobs=" + string.Join(',', ids), "--format=" + QueueFormat]);
        var result = _runner.Run(command);
        if (result.ExitCode != 0)
        {
            // squeue fails as a whole when none of the ids is known any more.
            if (result.Stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
            {
                return SlurmQueue.Empty;
            }

            throw SlurmCommandException.Failed(command, result);
        }

        var tasks = new List<SlurmTaskStatus>();
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var task = ParseQueueLine(command, line);
            if (includeFinished || task.IsActive)
            {
                tasks.Add(task);
            }
        }

        return new SlurmQueue(tasks);
    }

    /// <summary>Cancels jobs or single tasks with ONE scancel call (Slurm sends SIGTERM, then SIGKILL after its KillWait); no call when empty.</summary>
    public void Cancel(IEnumerable<string> jobIds)
    {
        var ids = ValidIds(jobIds);
        if (ids.Count > 0)
        {
            RunChecked(new SlurmCommand("scancel", ids));
        }
    }

    /// <summary>Sends a signal without cancelling, with ONE <c>scancel --signal</c> call; <paramref name="batchShellOnly"/> targets only the batch script (which forwards it to its worker).</summary>
    /// <param name="jobIds">Job or task ids; no call when empty.</param>
    /// <param name="signal">A signal name or number: <c>USR1</c>, <c>TERM</c>, <c>10</c>.</param>
    /// <param name="batchShellOnly">Pass <c>--batch</c>: signal the batch shell only, not every process of the job.</param>
    public void Signal(IEnumerable<string> jobIds, string signal, bool batchShellOnly = true)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!SignalName().IsMatch(signal))
        {
            throw new ArgumentException($"not a signal name or number: '{signal}'", nameof(signal));
        }

        var ids = ValidIds(jobIds);
        if (ids.Count > 0)
        {
            RunChecked(new SlurmCommand("scancel", ["--signal=" + signal, .. batchShellOnly ? ["--batch"] : Array.Empty<string>(), .. ids]));
        }
    }

    /// <summary>Puts a running or finished job (or task) back in the queue with <c>scontrol requeue</c>; it runs again once its credential expires.</summary>
    public void Requeue(string jobId)
    {
        var ids = ValidIds([jobId]);
        RunChecked(new SlurmCommand("scontrol", ["requeue", ids[0]]));
    }

    /// <summary>Checks that sbatch is installed and the controller answers (<c>scontrol ping</c>), without throwing.</summary>
    public SlurmAvailability Probe()
    {
        try
        {
            EnsureAvailable();
            return new SlurmAvailability(true, null);
        }
        catch (SearchException e) when (e is SlurmUnavailableException or SlurmCommandException)
        {
            return new SlurmAvailability(false, e.Message);
        }
    }

    /// <summary>Whether Slurm can be used from here (see <see cref="Probe"/>).</summary>
    public bool IsAvailable() => Probe().IsAvailable;

    /// <summary>Throws <see cref="SlurmUnavailableException"/> when sbatch is not installed or the controller does not answer <c>scontrol ping</c>.</summary>
    public void EnsureAvailable()
    {
        _runner.Run(new SlurmCommand("sbatch", ["--version"]));
        var ping = _runner.Run(new SlurmCommand("scontrol", ["ping"]));
        if (ping.ExitCode != 0)
        {
            var detail = SlurmCommandResult.FirstLineOf(ping.Stdout + "\n" + ping.Stderr) ?? $"exit code {ping.ExitCode}";
            throw SlurmUnavailableException.NotResponding("scontrol ping", detail);
        }
    }

    private static SlurmTaskStatus ParseQueueLine(SlurmCommand command, string line)
    {
        var fields = line.Split('|');
        if (fields.Length != 7)
        {
            throw SlurmCommandException.Unreadable(command, line, $"expected 7 '|'-separated fields, found {fields.Length}");
        }

        int? index = null;
        if (fields[1] is not ("N/A" or ""))
        {
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                throw SlurmCommandException.Unreadable(command, line, $"task index '{fields[1]}' is not a number (was --array forgotten?)");
            }

            index = i;
        }

        var reason = fields[5] is "" or "None" ? null : fields[5];
        var nodes = fields[6] is "" or "(null)" ? null : fields[6];
        return new SlurmTaskStatus(fields[0], index, fields[2], fields[3], SlurmJobStates.Parse(fields[4]), fields[4], reason, nodes);
    }

    private static List<string> ValidIds(IEnumerable<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var ids = new List<string>();
        foreach (var id in jobIds)
        {
            // Only plain ids reach the command line: an id must never be read as an option.
            if (id is null || !JobIdPattern().IsMatch(id))
            {
                throw new ArgumentException($"not a Slurm job id: '{id}' (expected 123 or 123_4)", nameof(jobIds));
            }

            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private void RunChecked(SlurmCommand command)
    {
        var result = _runner.Run(command);
        if (result.ExitCode != 0)
        {
            throw SlurmCommandException.Failed(command, result);
        }
    }

    [GeneratedRegex(@"^(?<id>[0-9]+)(;\S+)?$")]
    private static partial Regex ParsableJobId();

    [GeneratedRegex(@"^[0-9]+(_[0-9]+)?$")]
    private static partial Regex JobIdPattern();

    [GeneratedRegex(@"^(SIG)?[A-Z][A-Z0-9+]*$|^[0-9]{1,2}$")]
    private static partial Regex SignalName();
}
