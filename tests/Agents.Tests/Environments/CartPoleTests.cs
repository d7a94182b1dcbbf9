using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Agents.Environments;
using SlurmSearch.Agents.Learning;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Agents.Tests.Environments;

public sealed class CartPoleTests
{
    // Gym's CartPoleEnv.step equations (gymnasium/envs/classic_control/cartpole.py), written out
    // independently in Python so the C# port is checked against a second implementation.
    private const string GymStepScript = """
        import json, math, sys
        gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
        total_mass = masspole + masscart
        polemass_length = masspole * length
        theta_threshold_radians = 12 * 2 * math.pi / 360
        x_threshold = 2.4
        out = []
        for x, x_dot, theta, theta_dot, action in json.loads(sys.stdin.read()):
            force = force_mag if action == 1 else -force_mag
            costheta, sintheta = math.cos(theta), math.sin(theta)
            temp = (force + polemass_length * theta_dot ** 2 * sintheta) / total_mass
            thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - masspole * costheta ** 2 / total_mass))
            xacc = temp - polemass_length * thetaacc * costheta / total_mass
            x = x + tau * x_dot
            x_dot = x_dot + tau * xacc
            theta = theta + tau * theta_dot
            theta_dot = theta_dot + tau * thetaacc
            terminated = bool(x < -x_threshold or x > x_threshold or theta < -theta_threshold_radians or theta > theta_threshold_radians)
            out.append([x, x_dot, theta, theta_dot, terminated])
        print(json.dumps(out))
        """;

    [Fact]
    public void Step_FromFixedStates_MatchesGymEquationsComputedByPython()
    {
        var rng = new Rng(42);
        var cases = new List<double[]>
        {
            new double[] { 0.0, 0.0, 0.0, 0.0, 1 },
            new double[] { 0.01, -0.02, 0.03, 0.04, 0 },
            new double[] { 2.39, 1.5, 0.2, -1.0, 1 }, // crosses the x threshold
            new double[] { -1.0, -0.5, -0.209, -2.0, 0 }, // crosses the angle threshold
        };
        for (var i = 0; i < 60; i++)
        {
            cases.Add([rng.NextUniform(-2.4, 2.4), rng.NextUniform(-3, 3), rng.NextUniform(-0.21, 0.21), rng.NextUniform(-3, 3), i % 2]);
        }

        var json = JsonSerializer.Serialize(cases);
        var expected = JsonDocument.Parse(Python.Check(GymStepScript, stdin: System.Text.Encoding.UTF8.GetBytes(json))).RootElement;

        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var env = new CartPole(new Rng(0));
            env.SetState(c[0], c[1], c[2], c[3]);
            var outcome = env.Step((int)c[4]);
            var e = expected[i];
            Assert.Equal(e[0].GetDouble(), env.X, 12);
            Assert.Equal(e[1].GetDouble(), env.XDot, 12);
            Assert.Equal(e[2].GetDouble(), env.Theta, 12);
            Assert.Equal(e[3].GetDouble(), env.ThetaDot, 12);
            Assert.Equal(e[4].GetBoolean(), outcome.Terminated);
            Assert.Equal(1.0, outcome.Reward);
        }
    }

    [Fact]
    public void Step_FromRestPushingRight_GivesHandComputedState()
    {
        // From rest: temp = 10/1.1, θ'' = −cos·temp / (0.5·(4/3 − 0.1/1.1)), x'' = temp − 0.05·θ''/1.1.
        var env = new CartPole(new Rng(0));
        env.SetState(0, 0, 0, 0);
        env.Step(1);
        var temp = 10.0 / 1.1;
        var thetaAcc = -temp / (0.5 * ((4.0 / 3.0) - (0.1 / 1.1)));
        var xAcc = temp - (0.05 * thetaAcc / 1.1);
        Assert.Equal(0.0, env.X);
        Assert.Equal(0.0, env.Theta);
        Assert.Equal(0.02 * xAcc, env.XDot, 15);
        Assert.Equal(0.02 * thetaAcc, env.ThetaDot, 15);
        Assert.Equal(0.195121951219512, env.XDot, 12);
        Assert.Equal(-0.292682926829268, env.ThetaDot, 12);
    }

    [Fact]
    public void Step_CartBeyondXThreshold_Terminates()
    {
        var env = new CartPole(new Rng(0));
        env.SetState(2.399, 1.0, 0, 0);
        var outcome = env.Step(1);
        Assert.True(outcome.Terminated);
        Assert.False(outcome.Truncated);
        Assert.Throws<InvalidOperationException>(() => env.Step(0));
    }

    [Fact]
    public void Step_PoleBeyondTwelveDegrees_Terminates()
    {
        var env = new CartPole(new Rng(0));
        env.SetState(0, 0, -0.2094, -1.0);
        Assert.True(env.Step(0).Terminated);
    }

    [Fact]
    public void Step_InsideBounds_DoesNotTerminate()
    {
        var env = new CartPole(new Rng(0));
        env.SetState(2.0, 0.1, 0.1, 0.1);
        Assert.False(env.Step(0).Done);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(200)]
    public void Step_AtTimeLimit_TruncatesWithoutTerminating(int limit)
    {
        var env = new CartPole(new Rng(7), limit);
        env.Reset();
        var steps = 0;
        StepOutcome outcome;
        do
        {
            // A simple stabilising controller keeps the pole up until the time limit.
            var action = env.Theta + (0.5 * env.ThetaDot) + (0.01 * env.X) + (0.1 * env.XDot) > 0 ? 1 : 0;
            outcome = env.Step(action);
            steps++;
        }
        while (!outcome.Done);

        Assert.Equal(limit, steps);
        Assert.True(outcome.Truncated);
        Assert.False(outcome.Terminated);
    }

    [Fact]
    public void Step_BadAction_Throws()
    {
        var env = new CartPole(new Rng(0));
        env.Reset();
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(2));
    }

    [Fact]
    public void Step_BeforeReset_Throws()
    {
        var env = new CartPole(new Rng(0));
        Assert.Throws<InvalidOperationException>(() => env.Step(0));
    }

    [Fact]
    public void Reset_AnySeed_StartsWithinFivePercentBox()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(ArbMap.Default.ArbFor<long>(), seed =>
        {
            var env = new CartPole(new Rng(seed));
            for (var i = 0; i < 5; i++)
            {
                env.Reset();
                double[] state = [env.X, env.XDot, env.Theta, env.ThetaDot];
                if (state.Any(v => v is < -0.05 or >= 0.05) || env.Steps != 0)
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void Reset_SameSeed_SameStart()
    {
        var a = new CartPole(new Rng(123));
        var b = new CartPole(new Rng(123));
        a.Reset();
        b.Reset();
        Assert.Equal((a.X, a.XDot, a.Theta, a.ThetaDot), (b.X, b.XDot, b.Theta, b.ThetaDot));
        Assert.NotEqual(0.0, a.X);
    }
}
