using System.Text.Json;
using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Cli.Commands;

/// <summary>Prints a sweep plan for <c>--dry-run</c>: every run in launch order with its name, directory, environment and command (NGC: the <c>ngc batch run</c> line; Slurm: the srun line).</summary>
internal sealed class SweepDryRunPrinter(TextWriter output)
{
    public void Write(SweepPlan plan)
    {
        var o = plan.Options;
        output.WriteLine($"# sweep {plan.BaseName}: {plan.Runs.Count} run{(plan.Runs.Count == 1 ? "" : "s")}, group {plan.GroupId}, executor {Describe(o)}");
        var template = o.Backend == SweepBackend.Ngc ? File.ReadAllText(Path.Combine(o.WorkingDirectory, o.NgcJobTemplate!)) : null;
        foreach (var run in plan.Runs)
        {
            output.WriteLine($"# [{run.Index}] {run.Name}");
            output.WriteLine($"#   dir: {run.Directory}");
            output.WriteLine($"#   env: {string.Join(" ", run.Environment.Select(e => $"{e.Key}={e.Value}"))}");
            if (o.DevicesFor(run.Index) is { } devices)
            {
                output.WriteLine($"#   CUDA_VISIBLE_DEVICES={devices}");
            }

            output.WriteLine(o.Backend switch
            {
                SweepBackend.Ngc => NgcCommand.Render(template!, run),
                SweepBackend.Slurm => SweepContainer.SrunLine(o, run),
                _ => run.Command,
            });
        }
    }

    public void WriteJson(SweepPlan plan)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("group_id", plan.GroupId);
            json.WriteString("base_name", plan.BaseName);
            json.WriteString("executor", plan.Options.Backend.ToString().ToLowerInvariant());
            json.WriteString("train_dir", plan.Options.TrainDirectory);
            json.WriteString("workdir", plan.Options.WorkingDirectory);
            json.WriteStartArray("runs");
            foreach (var run in plan.Runs)
            {
                json.WriteStartObject();
                json.WriteNumber("index", run.Index);
                json.WriteString("name", run.Name);
                json.WriteString("directory", run.Directory);
                json.WriteString("command", run.Command);
                json.WriteStartObject("parameters");
                foreach (var (key, value) in run.Parameters)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                json.WriteStartObject("environment");
                foreach (var (key, value) in run.Environment)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Describe(SweepLaunchOptions o) => o.Backend switch
    {
        SweepBackend.Local when o.RunSingle => "local (one at a time)",
        SweepBackend.Local when o.ExperimentsPerGpu > 0 => $"local (at most {o.MaxParallel} at once, {o.NumGpus} GPU{(o.NumGpus == 1 ? "" : "s")} × {o.ExperimentsPerGpu})",
        SweepBackend.Local => $"local (at most {o.MaxParallel} at once)",
        SweepBackend.Slurm => "slurm (one array job)",
        SweepBackend.Tmux => $"tmux (session {o.TmuxSessionName ?? "$" + o.TmuxSessionId})",
        _ => o.NgcPrintOnly ? "ngc (print only)" : "ngc",
    };
}
