using System.Globalization;
using System.Text;
using SlurmSearch.Search.Samplers;
using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Grid;

/// <summary>The grid of a discrete flat space: counting, ordered enumeration and combination keys (see <see cref="GridSampler"/>).</summary>
internal sealed class SpaceGrid
{
    private readonly SearchSpace _space;
    private readonly double[][] _values;

    // For each index i, the categorical parents that parameters i.. depend on: what the count from i onwards can depend on.
    private readonly string[][] _relevantParents;

    public SpaceGrid(SearchSpace space)
    {
        _space = space;
        _values = [.. space.Parameters.Select(p => ValuesOf(p).ToArray())];
        _relevantParents = new string[space.Parameters.Count + 1][];
        _relevantParents[space.Parameters.Count] = [];
        for (var i = space.Parameters.Count - 1; i >= 0; i--)
        {
            _relevantParents[i] = [.. _relevantParents[i + 1].Union(space.Parameters[i].Conditions.Select(c => c.ParentLabel), StringComparer.Ordinal)];
        }
    }

    public static IReadOnlyList<double> ValuesOf(Hyperparameter parameter) => parameter.Distribution switch
    {
        CategoricalDistribution c => Steps(parameter.Label, 0, c.Count - 1, 1),
        RandIntDistribution r => Steps(parameter.Label, r.Low, r.High - 1, 1),
        UniformDistribution { Q: { } q } u => Steps(
            parameter.Label,
            Math.Round((u.Log ? Math.Exp(u.Low) : u.Low) / q, MidpointRounding.ToEven),
            Math.Round((u.Log ? Math.Exp(u.High) : u.High) / q, MidpointRounding.ToEven),
            q),
        _ => throw new ArgumentException(
            $"'{parameter.Label}' ({Hp.NameOf(parameter.Distribution)}) has no finite grid: a grid needs choices, randint, or uniform q-forms",
            nameof(parameter)),
    };

    public long Count()
    {
        var memo = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            return Count(0, new Dictionary<string, double>(StringComparer.Ordinal), memo);
        }
        catch (OverflowException)
        {
            throw new ArgumentException("the grid has more than 2^63 combinations");
        }
    }

    public IEnumerable<IReadOnlyDictionary<string, double>> Enumerate() =>
        Enumerate(0, new Dictionary<string, double>(StringComparer.Ordinal));

    /// <summary>A key identifying the combination whose grid values match <paramref name="values"/>, or null when some value is off the grid.</summary>
    public string? KeyOf(IReadOnlyDictionary<string, double> values)
    {
        var key = new StringBuilder();
        for (var i = 0; i < _space.Parameters.Count; i++)
        {
            var parameter = _space.Parameters[i];
            if (!parameter.IsActiveIn(values))
            {
                continue;
            }

            if (!values.TryGetValue(parameter.Label, out var value) || Nearest(_values[i], value) is not { } index)
            {
                return null;
            }

            key.Append(i).Append('=').Append(index.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return key.ToString();
    }

    private static double[] Steps(string label, double first, double last, double step)
    {
        var count = last - first + 1;
        if (count > GridSampler.MaxValuesPerParameter)
        {
            throw new ArgumentException($"'{label}' has {count} grid values, more than {GridSampler.MaxValuesPerParameter}", nameof(label));
        }

        // k · q, the same product the samplers' quantisation computes, so values match bit for bit.
        return [.. Enumerable.Range(0, (int)count).Select(i => (first + i) * step)];
    }

    private static int? Nearest(double[] grid, double value)
    {
        var index = Array.BinarySearch(grid, value);
        if (index >= 0)
        {
            return index;
        }

        index = ~index;
        var tolerance = 1e-9 * Math.Max(1.0, Math.Abs(value));
        if (index < grid.Length && Math.Abs(grid[index] - value) <= tolerance)
        {
            return index;
        }

        if (index > 0 && Math.Abs(grid[index - 1] - value) <= tolerance)
        {
            return index - 1;
        }

        return null;
    }

    private long Count(int i, Dictionary<string, double> assignment, Dictionary<string, long> memo)
    {
        if (i == _space.Parameters.Count)
        {
            return 1;
        }

        var memoKey = MemoKey(i, assignment);
        if (memo.TryGetValue(memoKey, out var known))
        {
            return known;
        }

        var parameter = _space.Parameters[i];
        long total;
        if (!parameter.IsActiveIn(assignment))
        {
            total = Count(i + 1, assignment, memo);
        }
        else if (_relevantParents[i + 1].Contains(parameter.Label, StringComparer.Ordinal))
        {
            total = 0;
            foreach (var value in _values[i])
            {
                assignment[parameter.Label] = value;
                total = checked(total + Count(i + 1, assignment, memo));
            }

            assignment.Remove(parameter.Label);
        }
        else
        {
            total = checked(_values[i].Length * Count(i + 1, assignment, memo));
        }

        memo[memoKey] = total;
        return total;
    }

    private string MemoKey(int i, Dictionary<string, double> assignment)
    {
        var key = new StringBuilder().Append(i);
        foreach (var parent in _relevantParents[i])
        {
            key.Append('|').Append(assignment.TryGetValue(parent, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "-");
        }

        return key.ToString();
    }

    private IEnumerable<IReadOnlyDictionary<string, double>> Enumerate(int i, Dictionary<string, double> assignment)
    {
        if (i == _space.Parameters.Count)
        {
            yield return new Dictionary<string, double>(assignment, StringComparer.Ordinal);
            yield break;
        }

        var parameter = _space.Parameters[i];
        if (!parameter.IsActiveIn(assignment))
        {
            foreach (var combination in Enumerate(i + 1, assignment))
            {
                yield return combination;
            }

            yield break;
        }

        foreach (var value in _values[i])
        {
            assignment[parameter.Label] = value;
            foreach (var combination in Enumerate(i + 1, assignment))
            {
                yield return combination;
            }
        }

        assignment.Remove(parameter.Label);
    }
}
