using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary>A report call's arguments split into options (<c>title: "…"</c>) and data (labelled or positional values).</summary>
internal sealed class CallArguments
{
    private readonly Dictionary<string, (string Label, PyValue Value)> _options = new(StringComparer.Ordinal);

    /// <param name="call">The call.</param>
    /// <param name="options">The option names this kind knows.</param>
    /// <param name="labelledData">True when named arguments other than options are data labels (performance, cdfs); false when only positional data is allowed.</param>
    public CallArguments(ReportCall call, IReadOnlyCollection<string> options, bool labelledData)
    {
        ArgumentNullException.ThrowIfNull(call);
        Kind = call.Kind;
        var data = new List<(string, PyValue)>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            var (name, value) = (call.Arguments[i].Name, call.Arguments[i].Value);
            if (name is not null && options.Contains(name))
            {
                _options[name] = (name, value);
            }
            else if (name is not null && !labelledData)
            {
                throw ReportException.UnknownArgument(Kind, name, options);
            }
            else
            {
                data.Add((name ?? $"#{i + 1}", value));
            }
        }

        Data = data;
    }

    public string Kind { get; }

    /// <summary>The data arguments with their labels (a name, or <c>#N</c> for the N-th argument).</summary>
    public IReadOnlyList<(string Label, PyValue Value)> Data { get; }

    /// <summary>The one data argument of a single-input report.</summary>
    public (string Label, PyValue Value) Single(string expected)
    {
        return Data.Count switch
        {
            1 => Data[0],
            0 => throw ReportException.MissingArgument(Kind, "#1", expected),
            _ => throw ReportException.BadArgument(Kind, Data[1].Label, "absent (this report takes one input)", ReportShapes.Describe(Data[1].Value)),
        };
    }

    /// <summary>At least one data argument.</summary>
    public IReadOnlyList<(string Label, PyValue Value)> Many(string expected) =>
        Data.Count > 0 ? Data : throw ReportException.MissingArgument(Kind, "#1", expected);

    public string? String(string option)
    {
        if (!_options.TryGetValue(option, out var found))
        {
            return null;
        }

        return found.Value is PyStr s ? s.Value : throw ReportException.BadArgument(Kind, option, "a string", ReportShapes.Describe(found.Value));
    }

    public int? Integer(string option, int min, int max)
    {
        if (!_options.TryGetValue(option, out var found))
        {
            return null;
        }

        return found.Value is PyInt i && i.Value >= min && i.Value <= max
            ? (int)i.Value
            : throw ReportException.BadArgument(Kind, option, $"an integer from {min} to {max}", ReportShapes.Describe(found.Value));
    }
}
