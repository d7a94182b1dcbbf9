using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents.Environments;

/// <summary>
/// The classic cart-pole balancing task with the constants, Euler integration, termination and
/// time limit of Gymnasium's <c>CartPole-v1</c> (<c>CartPole-v0</c>: time limit 200), in double precision.
/// Observation: cart position, cart velocity, pole angle (radians), pole angular velocity.
/// Actions: 0 pushes left, 1 pushes right. Reward 1 for every step taken, including the last.
/// </summary>
internal sealed class CartPole
{
    public const int ObservationSize = 4;
    public const int ActionCount = 2;
    public const double Gravity = 9.8;
    public const double MassCart = 1.0;
    public const double MassPole = 0.1;
    public const double TotalMass = MassCart + MassPole;
    public const double Length = 0.5; // half the pole's length, as in Gym
    public const double PoleMassLength = MassPole * Length;
    public const double ForceMagnitude = 10.0;
    public const double Tau = 0.02;
    public const double XThreshold = 2.4;
    public const double ThetaThreshold = 12 * 2 * Math.PI / 360;

    private readonly Rng _rng;
    private bool _done = true;

    public CartPole(Rng rng, int maxEpisodeSteps = 500)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpisodeSteps, 1);
        _rng = rng;
        MaxEpisodeSteps = maxEpisodeSteps;
    }

    public int MaxEpisodeSteps { get; }

    public double X { get; private set; }

    public double XDot { get; private set; }

    public double Theta { get; private set; }

    public double ThetaDot { get; private set; }

    /// <summary>Steps taken in the current episode.</summary>
    public int Steps { get; private set; }

    /// <summary>Starts an episode from U(−0.05, 0.05)^4.</summary>
    public void Reset()
    {
        X = _rng.NextUniform(-0.05, 0.05);
        XDot = _rng.NextUniform(-0.05, 0.05);
        Theta = _rng.NextUniform(-0.05, 0.05);
        ThetaDot = _rng.NextUniform(-0.05, 0.05);
        Steps = 0;
        _done = false;
    }

    /// <summary>Places the cart in a given state (tests, and replaying a known trajectory).</summary>
    public void SetState(double x, double xDot, double theta, double thetaDot, int steps = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        (X, XDot, Theta, ThetaDot, Steps) = (x, xDot, theta, thetaDot, steps);
        _done = false;
    }

    public void CopyObservation(Span<double> destination)
    {
        destination[0] = X;
        destination[1] = XDot;
        destination[2] = Theta;
        destination[3] = ThetaDot;
    }

    /// <summary>Advances one time step of <see cref="Tau"/> seconds; the episode must be running.</summary>
    public StepOutcome Step(int action)
    {
        if (action is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "CartPole actions are 0 (left) and 1 (right).");
        }

        if (_done)
        {
            throw new InvalidOperationException("CartPole episode is over; call Reset() before stepping again.");
        }

        var force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        var cos = Math.Cos(Theta);
        var sin = Math.Sin(Theta);
        var temp = (force + (PoleMassLength * ThetaDot * ThetaDot * sin)) / TotalMass;
        var thetaAcc = ((Gravity * sin) - (cos * temp)) / (Length * ((4.0 / 3.0) - (MassPole * cos * cos / TotalMass)));
        var xAcc = temp - (PoleMassLength * thetaAcc * cos / TotalMass);

        // Gym's "euler" integrator: positions move with the old velocities.
        X += Tau * XDot;
        XDot += Tau * xAcc;
        Theta += Tau * ThetaDot;
        ThetaDot += Tau * thetaAcc;
        Steps++;

        var terminated = X < -XThreshold || X > XThreshold || Theta < -ThetaThreshold || Theta > ThetaThreshold;
        var truncated = !terminated && Steps >= MaxEpisodeSteps;
        _done = terminated || truncated;
        return new StepOutcome(1.0, terminated, truncated);
    }
}
