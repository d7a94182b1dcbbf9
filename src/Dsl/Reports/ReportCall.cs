using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary>One evaluated call of an experiment's <c>report { … }</c> section, e.g. <c>cdfs(space: …, title: "…")</c>.</summary>
/// <remarks>
/// The evaluator stores the evaluated calls in the <c>exp:NAME</c> state under <see cref="StateField"/>
/// (<c>report_calls</c>) as a list of <c>(kind, [(name or None, value), …])</c> tuples — plain Python built-ins, so a
/// notebook can read them — and <c>ssearch report exp:NAME</c> regenerates the report from them with
/// <see cref="ListFromPyValue"/> and <see cref="ReportWriter.Write"/>.
/// </remarks>
/// <param name="Kind">The report kind, one of <see cref="ReportKinds.All"/>.</param>
/// <param name="Arguments">The evaluated arguments, in the order written.</param>
public sealed record ReportCall(string Kind, IReadOnlyList<ReportArgument> Arguments)
{
    /// <summary>The key of the experiment state's field that holds the evaluated report calls.</summary>
    public const string StateField = "report_calls";

    /// <summary>The call as stored: <c>(kind, [(name or None, value), …])</c>.</summary>
    public PyTuple ToPyValue() =>
        new(new PyStr(Kind), new PyList(Arguments.Select(a => (PyValue)new PyTuple(a.Name is null ? PyNone.Instance : new PyStr(a.Name), a.Value))));

    /// <summary>Reads a call stored by <see cref="ToPyValue"/>; throws <see cref="ReportException"/> for any other shape.</summary>
    public static ReportCall FromPyValue(PyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not PyTuple { Count: 2 } call || call[0] is not PyStr kind || call[1] is not (PyList or PyTuple))
        {
            throw ReportException.MalformedCall($"expected (kind, [(name, value), …]), got {Describe(value)}");
        }

        var arguments = new List<ReportArgument>();
        foreach (var item in Items(call[1]))
        {
            if (item is not PyTuple { Count: 2 } pair || pair[0] is not (PyStr or PyNone))
            {
                throw ReportException.MalformedCall($"{kind.Value}: expected an argument (name or None, value), got {Describe(item)}");
            }

            arguments.Add(new ReportArgument((pair[0] as PyStr)?.Value, pair[1]));
        }

        return new ReportCall(kind.Value, arguments);
    }

    /// <summary>A list of calls as stored under <see cref="StateField"/>.</summary>
    public static PyList ListToPyValue(IEnumerable<ReportCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return new PyList(calls.Select(c => (PyValue)c.ToPyValue()));
    }

    /// <summary>Reads the list stored under <see cref="StateField"/>.</summary>
    public static IReadOnlyList<ReportCall> ListFromPyValue(PyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value is PyList or PyTuple
            ? [.. Items(value).Select(FromPyValue)]
            : throw ReportException.MalformedCall($"{StateField} must be a list, got {Describe(value)}");
    }

    /// <inheritdoc />
    public bool Equals(ReportCall? other) =>
        other is not null && Kind == other.Kind && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Arguments.Count);

    private static IEnumerable<PyValue> Items(PyValue sequence) => sequence is PyList list ? list.Items : ((PyTuple)sequence).Items;

    private static string Describe(PyValue value) => value.TypeName;
}
