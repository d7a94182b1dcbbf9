using System.Diagnostics;
using SlurmSearch.Agents.Cli;
using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents;

/// <summary>
/// The <c>rl_agent</c> command: gather parameters, run the agent, print the result JSON as the last
/// stdout line and write it to <c>$SSEARCH_RESULT</c> when set. Exit 0 on success, 2 on bad input
/// (one <c>error: …</c> line on stderr).
/// </summary>
internal static class AgentProgram
{
    public const string ParamsVariable = "SSEARCH_PARAMS";
    public const string ResultVariable = "SSEARCH_RESULT";

    public static int Run(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        RunRequest request;
        try
        {
            var raw = new RawParameters();
            var json = environment(ParamsVariable);
            if (!string.IsNullOrWhiteSpace(json))
            {
                raw.AddJson(json);
            }

            raw.AddArguments(args);
            if (raw.HelpRequested)
            {
                stdout.Write(HelpText());
                return 0;
            }

            request = RunRequest.From(raw.Values);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return 2;
        }

        var result = Execute(request);
        var line = result.ToJson();
        var resultPath = environment(ResultVariable);
        if (!string.IsNullOrEmpty(resultPath))
        {
            try
            {
                WriteAtomically(resultPath, line + "\n");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                stderr.WriteLine($"error: cannot write {ResultVariable} file '{resultPath}': {ex.Message}");
                stdout.WriteLine(line);
                return 2;
            }
        }

        stdout.WriteLine(line);
        return 0;
    }

    public static RunResult Execute(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var s = request.Settings;
        if (request.Agent == AgentKind.Debug)
        {
            return new RunResult(request.AgentName, request.Env, s.Seed, DebugAgent.Returns(s), 0, 0, 0);
        }

        var trainer = new A2cTrainer(s);
        var clock = Stopwatch.StartNew();
        var report = trainer.Train();
        var seconds = clock.Elapsed.TotalSeconds;
        var returns = trainer.Test(s.TestEpisodes);
        return new RunResult(request.AgentName, request.Env, s.Seed, returns, report.Frames, report.Episodes, seconds);
    }

    public static string HelpText()
    {
        var d = new A2cSettings();
        return $"""
            Usage: rl_agent [--name=value | --name value | name=value]...

            Trains an A2C agent on CartPole and prints one JSON line:
              {"{"}"return_mean", "return_std", "returns", "frames", "train_seconds", "loss", "status", ...{"}"}
            also written to the file named by ${ResultVariable} when set. Parameters are also read from
            ${ParamsVariable} (a JSON object; nested objects are flattened to leaf names); arguments override.

              agent                 a2c | classic:a2c | debug (instant, seeded fake returns)   [a2c]
              env                   CartPole-v1 | CartPole-v0 (classic: prefix allowed)         [CartPole-v1]
              lr                    Adam learning rate                                          [{d.Lr}]
              entropy_loss_scaling  weight of the entropy bonus                                 [{d.EntropyLossScaling}]
              clip_grad             max global gradient norm, 0 = off                           [{d.ClipGrad}]
              n_envs                parallel environments                                       [{d.NEnvs}]
              n_steps               rollout length per update                                   [{d.NSteps}]
              value_loss_scaling    weight of the value MSE                                     [{d.ValueLossScaling}]
              discount_factor       gamma                                                       [{d.DiscountFactor}]
              train_frames          environment steps, summed over environments                 [{d.TrainFrames}]
              train_episodes        stop after this many training episodes                      [inf]
              test_episodes         test episodes (actions sampled from the policy)             [{d.TestEpisodes}]
              seed, run_seed        random seed                                                 [{d.Seed}]

            Exit codes: 0 success, 2 bad input (one "error: ..." line on stderr).

            """;
    }

    private static void WriteAtomically(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var temp = full + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, full, overwrite: true);
    }
}
