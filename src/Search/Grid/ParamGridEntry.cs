namespace SlurmSearch.Search.Grid;

/// <summary>
/// One entry of a <see cref="ParamGrid"/>: a parameter and its values (<c>("seed", [0, 1111, 2222])</c>), or a tied tuple of
/// parameters that vary together (<c>(("use_rnn", "recurrence"), ([False, 1], [True, 16]))</c>), as in Sample Factory.
/// </summary>
public sealed record ParamGridEntry
{
    private ParamGridEntry(IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<object?>> values, bool isTied)
    {
        Names = names;
        Values = values;
        IsTied = isTied;
    }

    /// <summary>The parameter names: one, or the tied tuple's names in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The values: each a tuple with one item per name.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Values { get; }

    /// <summary>True for a tied tuple of parameters.</summary>
    public bool IsTied { get; }

    /// <summary>One parameter and its values (strings, integers, floats, bools or nulls).</summary>
    /// <exception cref="ArgumentException">A blank name, no values, or a value of another type.</exception>
    public static ParamGridEntry Single(string name, IEnumerable<object?> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        List<IReadOnlyList<object?>> tuples = [.. values.Select((v, i) => (IReadOnlyList<object?>)[Plain(v, name, i)])];
        if (tuples.Count == 0)
        {
            throw new ArgumentException($"grid parameter '{name}' has an empty list of values", nameof(values));
        }

        return new([name], tuples, isTied: false);
    }

    /// <summary>Parameters that vary together: each value tuple gives one value per name.</summary>
    /// <exception cref="ArgumentException">Blank or repeated names, no tuples, or a tuple whose length is not the number of names.</exception>
    public static ParamGridEntry Tied(IEnumerable<string> names, IEnumerable<IEnumerable<object?>> tuples)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(tuples);
        string[] nameList = [.. names];
        var display = $"({string.Join(", ", nameList)})";
        if (nameList.Length == 0 || nameList.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"tied grid parameters {display} need non-blank names", nameof(names));
        }

        if (nameList.Distinct(StringComparer.Ordinal).Count() != nameList.Length)
        {
            throw new ArgumentException($"tied grid parameters {display} repeat a name", nameof(names));
        }

        var values = new List<IReadOnlyList<object?>>();
        foreach (var tuple in tuples)
        {
            ArgumentNullException.ThrowIfNull(tuple, nameof(tuples));
            object?[] items = [.. tuple.Select((v, i) => Plain(v, display, values.Count))];
            if (items.Length != nameList.Length)
            {
                throw new ArgumentException(
                    $"value {values.Count} of tied grid parameters {display} has {items.Length} items, expected {nameList.Length}", nameof(tuples));
            }

            values.Add(items);
        }

        if (values.Count == 0)
        {
            throw new ArgumentException($"tied grid parameters {display} have an empty list of values", nameof(tuples));
        }

        return new(nameList, values, isTied: true);
    }

    /// <inheritdoc />
    public bool Equals(ParamGridEntry? other) =>
        other is not null
        && IsTied == other.IsTied
        && Names.SequenceEqual(other.Names)
        && Values.Count == other.Values.Count
        && Values.Zip(other.Values).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Names.Count, Values.Count, IsTied);

    private static object? Plain(object? value, string name, int index) => value switch
    {
        null or string or long or double or bool => value,
        int i => (long)i,
        float f => (double)f,
        _ => throw new ArgumentException($"value {index} of grid parameter '{name}' is a {value.GetType().Name}; values are strings, integers, floats, bools or null"),
    };
}
