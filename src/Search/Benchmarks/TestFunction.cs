using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Benchmarks;

/// <summary>A minimisation benchmark: a flat space, the function, and its known minimum (regret = best found − minimum).</summary>
public sealed class TestFunction
{
    private readonly Func<IReadOnlyDictionary<string, double>, double> _evaluate;

    /// <summary>Creates a test function.</summary>
    public TestFunction(string name, SearchSpace space, Func<IReadOnlyDictionary<string, double>, double> evaluate, double knownMinimum)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(evaluate);
        Name = name;
        Space = space;
        _evaluate = evaluate;
        KnownMinimum = knownMinimum;
    }

    /// <summary>The function's name (<c>branin</c>, …).</summary>
    public string Name { get; }

    /// <summary>The space searched.</summary>
    public SearchSpace Space { get; }

    /// <summary>The global minimum's value.</summary>
    public double KnownMinimum { get; }

    /// <summary>Evaluates the function at a point (label → value).</summary>
    public double Evaluate(IReadOnlyDictionary<string, double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return _evaluate(point);
    }
}
