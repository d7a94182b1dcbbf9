using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Container settings of a Slurm sweep as pyxis options of <c>srun</c> (seed 001's <c>--container</c>/<c>--mounts</c>).</summary>
public static class SweepContainer
{
    /// <summary>The srun options (<c>--container-image=IMAGE</c>, <c>--container-mounts=SRC:DST,…</c>), each a shell-quoted word; empty without a container.</summary>
    public static IReadOnlyList<string> SrunOptions(SweepLaunchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ContainerImage is not { } image)
        {
            return [];
        }

        List<string> words = [ShellQuote.Quote("--container-image=" + image)];
        if (options.ContainerMounts.Count > 0)
        {
            words.Add(ShellQuote.Quote("--container-mounts=" + string.Join(",", options.ContainerMounts)));
        }

        return words;
    }

    /// <summary>The line that runs <paramref name="run"/> inside the container: <c>srun --container-image=… --container-mounts=… bash -c 'COMMAND'</c>; the bare command without a container.</summary>
    public static string SrunLine(SweepLaunchOptions options, SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var container = SrunOptions(options);
        return container.Count == 0 ? run.Command : string.Join(" ", ["srun", .. container, "bash", "-c", ShellQuote.Quote(run.Command)]);
    }
}
