using SlurmSearch.Agents.Environments;

namespace SlurmSearch.Agents.Learning;

/// <summary>
/// Synchronous advantage actor-critic (Mnih et al. 2016, the synchronous variant) on vectorised
/// CartPole environments: every rollout of <c>n_steps</c> × <c>n_envs</c> transitions becomes one
/// batched update with n-step bootstrapped returns. A time-limit truncation bootstraps from the value
/// of the state where the episode was cut; a termination does not. Everything random is drawn from
/// streams of the run's seed, so a run is reproducible on a given machine.
/// </summary>
internal sealed class A2cTrainer
{
    private const ulong WeightStream = 1;
    private const ulong TrainEnvStream = 2;
    private const ulong TrainActionStream = 3;
    private const ulong TestEnvStream = 4;
    private const ulong TestActionStream = 5;
    private const int RecentEpisodes = 100;

    private readonly A2cSettings _settings;
    private readonly ActorCritic _model;
    private readonly Adam _adam;

    public A2cTrainer(A2cSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.NEnvs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.NSteps, 1);
        _settings = settings;
        _model = new ActorCritic(
            CartPole.ObservationSize,
            CartPole.ActionCount,
            settings.HiddenUnits,
            settings.NEnvs * settings.NSteps,
            Rng.ForStream(settings.Seed, WeightStream));
        _adam = new Adam(_model.Parameters.Length, settings.Lr);
    }

    internal ActorCritic Model => _model;

    public TrainingReport Train()
    {
        var s = _settings;
        int nEnvs = s.NEnvs, nSteps = s.NSteps, obsSize = CartPole.ObservationSize, nActions = CartPole.ActionCount;
        var batch = nEnvs * nSteps;
        var envRng = Rng.ForStream(s.Seed, TrainEnvStream);
        var actionRng = Rng.ForStream(s.Seed, TrainActionStream);
        var envs = new CartPole[nEnvs];
        var current = new double[nEnvs * obsSize];
        var episodeReturns = new double[nEnvs];
        for (var e = 0; e < nEnvs; e++)
        {
            envs[e] = new CartPole(envRng, s.MaxEpisodeSteps);
            envs[e].Reset();
            envs[e].CopyObservation(current.AsSpan(e * obsSize, obsSize));
        }

        var observations = new double[batch * obsSize];
        var actions = new int[batch];
        var rewards = new double[batch];
        var terminated = new bool[batch];
        var truncated = new bool[batch];
        var truncatedValue = new double[batch];
        var returns = new double[batch];
        var probabilities = new double[nEnvs * nActions];
        var bootstrap = new double[nEnvs];
        var single = new double[1];
        var recent = new Queue<double>(RecentEpisodes);
        var weights = new LossWeights(s.ValueLossScaling, s.EntropyLossScaling);

        long frames = 0, episodes = 0, updates = 0;
        while (frames < s.TrainFrames && episodes < s.TrainEpisodes)
        {
            for (var t = 0; t < nSteps; t++)
            {
                var rowBase = t * nEnvs;
                current.CopyTo(observations, rowBase * obsSize);
                _model.ActionProbabilities(current, nEnvs, probabilities);
                for (var e = 0; e < nEnvs; e++)
                {
                    var i = rowBase + e;
                    var action = Sample(probabilities.AsSpan(e * nActions, nActions), actionRng);
                    var outcome = envs[e].Step(action);
                    frames++;
                    actions[i] = action;
                    rewards[i] = outcome.Reward;
                    terminated[i] = outcome.Terminated;
                    truncated[i] = outcome.Truncated;
                    episodeReturns[e] += outcome.Reward;
                    var obs = current.AsSpan(e * obsSize, obsSize);
                    if (outcome.Truncated)
                    {
                        envs[e].CopyObservation(obs);
                        _model.Values(obs, 1, single);
                        truncatedValue[i] = single[0];
                    }

                    if (outcome.Done)
                    {
                        episodes++;
                        if (recent.Count == RecentEpisodes)
                        {
                            recent.Dequeue();
                        }

                        recent.Enqueue(episodeReturns[e]);
                        episodeReturns[e] = 0;
                        envs[e].Reset();
                    }

                    envs[e].CopyObservation(obs);
                }
            }

            _model.Values(current, nEnvs, bootstrap);
            ComputeReturns(rewards, terminated, truncated, truncatedValue, bootstrap, nEnvs, nSteps, s.DiscountFactor, returns);
            _model.ComputeGradients(observations, actions, returns, [], batch, weights);
            GradientClipping.ClipByGlobalNorm(_model.Gradients, s.ClipGrad);
            _adam.Step(_model.Parameters, _model.Gradients);
            updates++;
        }

        return new TrainingReport(frames, episodes, updates, recent.Count == 0 ? double.NaN : recent.Average());
    }

    /// <summary>
    /// Plays <paramref name="episodes"/> test episodes on fresh environments, sampling actions from the
    /// policy as the original's <c>A2CTestAgent</c> did (not greedy), and returns their returns.
    /// </summary>
    public double[] Test(int episodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episodes);
        var envRng = Rng.ForStream(_settings.Seed, TestEnvStream);
        var actionRng = Rng.ForStream(_settings.Seed, TestActionStream);
        var env = new CartPole(envRng, _settings.MaxEpisodeSteps);
        var obs = new double[CartPole.ObservationSize];
        var probabilities = new double[CartPole.ActionCount];
        var results = new double[episodes];
        for (var n = 0; n < episodes; n++)
        {
            env.Reset();
            var total = 0.0;
            StepOutcome outcome;
            do
            {
                env.CopyObservation(obs);
                _model.ActionProbabilities(obs, 1, probabilities);
                outcome = env.Step(Sample(probabilities, actionRng));
                total += outcome.Reward;
            }
            while (!outcome.Done);
            results[n] = total;
        }

        return results;
    }

    /// <summary>
    /// n-step returns, backwards through each environment's column of the rollout:
    /// R_t = r_t + γ·R_{t+1}, cut at a termination (R_t = r_t) and re-bootstrapped at a truncation
    /// (R_t = r_t + γ·V(s_cut)); the last step bootstraps from V of the state after the rollout.
    /// </summary>
    internal static void ComputeReturns(
        ReadOnlySpan<double> rewards,
        ReadOnlySpan<bool> terminated,
        ReadOnlySpan<bool> truncated,
        ReadOnlySpan<double> truncatedValue,
        ReadOnlySpan<double> bootstrap,
        int nEnvs,
        int nSteps,
        double discount,
        Span<double> returns)
    {
        for (var e = 0; e < nEnvs; e++)
        {
            var next = bootstrap[e];
            for (var t = nSteps - 1; t >= 0; t--)
            {
                var i = (t * nEnvs) + e;
                next = terminated[i] ? rewards[i]
                    : truncated[i] ? rewards[i] + (discount * truncatedValue[i])
                    : rewards[i] + (discount * next);
                returns[i] = next;
            }
        }
    }

    private static int Sample(ReadOnlySpan<double> probabilities, Rng rng)
    {
        var u = rng.NextDouble();
        for (var k = 0; k < probabilities.Length - 1; k++)
        {
            u -= probabilities[k];
            if (u < 0)
            {
                return k;
            }
        }

        return probabilities.Length - 1;
    }
}
