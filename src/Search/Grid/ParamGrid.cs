namespace SlurmSearch.Search.Grid;

/// <summary>
/// Sample Factory's <c>ParamGrid</c>: the Cartesian product of ordered entries, the last entry varying fastest (as
/// <c>itertools.product</c>), tied tuples contributing all their names at once, optionally shuffled with a seeded generator.
/// </summary>
/// <remarks>
/// Deviations, on purpose: a parameter named twice is an error (Sample Factory's OrderedDict silently keeps the last), and a grid with
/// no entries yields one empty combination (the product of nothing) where Sample Factory yields none.
/// </remarks>
public sealed class ParamGrid
{
    /// <summary>Creates a grid; throws <see cref="ArgumentException"/> naming a parameter that appears in two entries.</summary>
    public ParamGrid(IEnumerable<ParamGridEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Entries.SelectMany(e => e.Names))
        {
            if (!seen.Add(name))
            {
                throw new ArgumentException($"grid parameter '{name}' appears in more than one entry", nameof(entries));
            }
        }

        Parameters = [.. Entries.SelectMany(e => e.Names)];
        Count = Entries.Aggregate(1L, (total, e) =>
        {
            try
            {
                return checked(total * e.Values.Count);
            }
            catch (OverflowException)
            {
                throw new ArgumentException("the grid has more than 2^63 combinations", nameof(entries));
            }
        });
    }

    /// <summary>The entries, in order.</summary>
    public IReadOnlyList<ParamGridEntry> Entries { get; }

    /// <summary>Every parameter name, in entry order (tied names in their tuple order).</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>The number of combinations.</summary>
    public long Count { get; }

    /// <summary>
    /// Parses Hydra-style overrides, one entry each: <c>name=a,b,c</c>, <c>name=range(1, 10)</c>, <c>name=choice(a, b)</c> (see <see cref="HydraValues"/>).
    /// </summary>
    /// <exception cref="FormatException">An override without <c>=</c> or with an unreadable value list, naming it.</exception>
    public static ParamGrid ParseOverrides(IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var entries = new List<ParamGridEntry>();
        foreach (var text in overrides)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || string.IsNullOrWhiteSpace(text[..equals]))
            {
                throw new FormatException($"sweep override '{text}' is not name=values");
            }

            var name = text[..equals].Trim();
            entries.Add(ParamGridEntry.Single(name, HydraValues.Parse(text[(equals + 1)..], name)));
        }

        return new ParamGrid(entries);
    }

    /// <summary>
    /// The combinations, each a dictionary in <see cref="Parameters"/> order. With <paramref name="randomize"/> the order is a
    /// uniform shuffle drawn from <paramref name="random"/> (required then).
    /// </summary>
    public IEnumerable<Dictionary<string, object?>> Generate(bool randomize = false, Random? random = null)
    {
        if (randomize)
        {
            ArgumentNullException.ThrowIfNull(random);
            if (Count > Array.MaxLength)
            {
                throw new InvalidOperationException($"cannot shuffle {Count} combinations in memory");
            }

            var all = Combinations().ToArray();
            random.Shuffle(all);
            return all;
        }

        return Combinations();
    }

    private IEnumerable<Dictionary<string, object?>> Combinations()
    {
        // An odometer over the entries' value indices: the last entry turns fastest.
        var indices = new int[Entries.Count];
        for (var produced = 0L; produced < Count; produced++)
        {
            var combination = new Dictionary<string, object?>(Parameters.Count, StringComparer.Ordinal);
            for (var e = 0; e < Entries.Count; e++)
            {
                var tuple = Entries[e].Values[indices[e]];
                for (var n = 0; n < tuple.Count; n++)
                {
                    combination[Entries[e].Names[n]] = tuple[n];
                }
            }

            yield return combination;
            for (var e = Entries.Count - 1; e >= 0; e--)
            {
                if (++indices[e] < Entries[e].Values.Count)
                {
                    break;
                }

                indices[e] = 0;
            }
        }
    }
}
