using System.Globalization;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Wraps a command in <c>torchrun</c> (rl_utils' <c>--pt-proc</c>, with today's launcher): the interpreter (<c>python …</c>) is replaced, whatever precedes it (<c>uv run</c>, <c>VAR=x</c>) is kept.</summary>
public static class Torchrun
{
    /// <summary>The port the rendezvous uses on multi-node runs.</summary>
    public const int RendezvousPort = 29500;

    /// <summary>
    /// <c>torchrun --standalone --nnodes=1 --nproc_per_node=N script args</c> on one node; on several,
    /// <c>torchrun --nnodes=K --nproc_per_node=N --rdzv_id=ID --rdzv_backend=c10d --rdzv_endpoint=$MASTER_ADDR:29500 script args</c>
    /// (<c>$MASTER_ADDR</c> is the first node, exported by the batch script).
    /// </summary>
    /// <exception cref="SweepPlanException">The command has neither a <c>python</c> word nor a <c>.py</c> script to hand to torchrun.</exception>
    public static string Wrap(string command, int processesPerNode, int nodes, string rendezvousId)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfLessThan(processesPerNode, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var python = Array.FindIndex(words, w => Path.GetFileName(w).StartsWith("python", StringComparison.Ordinal) && !w.EndsWith(".py", StringComparison.Ordinal));
        var script = Array.FindIndex(words, w => w.EndsWith(".py", StringComparison.Ordinal));
        if (python < 0 && script < 0)
        {
            throw SweepPlanException.Because($"--torchrun needs a Python command (python … or a .py script) to wrap, got '{command}'");
        }

        // Keep what precedes the interpreter; drop the interpreter and its own flags (-u), keep "-m module" for torchrun.
        var keep = python >= 0 ? words[..python] : words[..script];
        var rest = python >= 0 ? words[(python + 1)..] : words[script..];
        var skip = 0;
        while (skip < rest.Length && rest[skip].StartsWith('-') && rest[skip] != "-m")
        {
            skip++;
        }

        var n = processesPerNode.ToString(CultureInfo.InvariantCulture);
        string[] launcher = nodes == 1
            ? ["torchrun", "--standalone", "--nnodes=1", $"--nproc_per_node={n}"]
            : ["torchrun", $"--nnodes={nodes.ToString(CultureInfo.InvariantCulture)}", $"--nproc_per_node={n}", $"--rdzv_id={rendezvousId}", "--rdzv_backend=c10d", $"--rdzv_endpoint=$MASTER_ADDR:{RendezvousPort.ToString(CultureInfo.InvariantCulture)}"];
        return string.Join(" ", [.. keep, .. launcher, .. rest[skip..]]);
    }
}
