using System.CommandLine;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions;
using SlurmSearch.Sessions.Objectives;
using SlurmSearch.Store;

namespace SlurmSearch.Cli.Commands;

/// <summary>
/// <c>ssearch demo</c>: the README's main job — a TPE search over the hyperparameters of a real A2C agent learning
/// CartPole, on local worker processes, ending with the table of the best settings.
/// </summary>
public static class DemoCommand
{
    /// <summary>The space searched: the agent's hyperparameters around the original hp_tuning_effects space.</summary>
    public const string Space = """
        {
          lr: loguniform(log(1e-4), log(1e-2)),
          entropy_loss_scaling: loguniform(log(1e-4), log(1e-1)),
          clip_grad: uniform(0.1, 2.0),
          n_envs: uniformint(2, 16),
          n_steps: uniformint(2, 16),
        }
        """;

    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var trials = new Option<int>("--trials") { Description = "Trials to run", DefaultValueFactory = _ => 24 };
        var workers = new Option<int>("--workers") { Description = "Local worker processes", DefaultValueFactory = _ => 2 };
        var frames = new Option<int>("--frames") { Description = "CartPole frames each trial trains for", DefaultValueFactory = _ => 30_000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the search", DefaultValueFactory = _ => 1 };
        var demo = new Command("demo", "Tune a real A2C agent on CartPole with TPE on local workers (the README's first command)") { trials, workers, frames, seed };
        demo.SetAction(parse =>
        {
            var agent = AgentLocator.Command(context.Environment.GetVariable);
            using var store = context.OpenStore();
            var key = StateKey.Of("slurm", "demo_" + RandomPhrase.Unused(new Random(), n => store.Exists(StateKey.Of("slurm", "demo_" + n))));
            var frameCount = parse.GetValue(frames);
            var objective = $"{agent} --agent=a2c --train_frames={frameCount} --test_episodes=20 --seed=$SSEARCH_TRIAL_ID";
            var session = SearchSession.Create(store, key, new SessionOptions
            {
                Space = StructuredSpace.Parse(Space),
                Algo = "tpe",
                MaxEvals = parse.GetValue(trials),
                Seed = parse.GetValue(seed),
                Objective = new ObjectiveSpec(objective),
                MaxFailures = 5,
                Executor = new ExecutorSettings { Kind = "local", Workers = parse.GetValue(workers) }.ToPlain(),
            });
            context.Output.WriteLine($"demo: tuning an A2C agent on CartPole ({frameCount} frames per trial) with TPE, {parse.GetValue(trials)} trials on {parse.GetValue(workers)} local workers");
            context.Output.WriteLine($"session {key} in {store.Root}; loss = -(mean test return), so lower is better (500 is CartPole's best return)");
            var code = StartCommand.RunAndReport(context, session, new ExecutorSettings { Kind = "local", Workers = parse.GetValue(workers) });
            context.Output.WriteLine($"look again with: ssearch show {key.Name}    (or: ssearch list --all, ssearch export {key.Name} --format csv)");
            return code;
        });
        return demo;
    }
}
