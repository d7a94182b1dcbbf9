using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary>Spreads settings (nested dicts of hyperparameters) over CSV columns: one column per dotted key, in first-seen order.</summary>
internal sealed class SettingColumns
{
    private readonly List<Dictionary<string, string>> _rows;

    public SettingColumns(IEnumerable<PyValue> settings)
    {
        _rows = [.. settings.Select(Flatten)];
        Names = [.. _rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The column names, prefixed <c>setting.</c> for dict keys (<c>setting</c> alone for a non-dict setting).</summary>
    public IReadOnlyList<string> Names { get; }

    public IEnumerable<string> Cells(int row) => Names.Select(n => _rows[row].TryGetValue(n, out var v) ? v : string.Empty);

    private static Dictionary<string, string> Flatten(PyValue setting)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(cells, "setting", setting);
        return cells;
    }

    private static void Add(Dictionary<string, string> cells, string prefix, PyValue value)
    {
        if (value is PyDict dict && dict.Count > 0)
        {
            foreach (var (key, inner) in dict)
            {
                Add(cells, prefix + "." + (key is PyStr s ? s.Value : key.ToString()), inner);
            }

            return;
        }

        cells[prefix] = value switch
        {
            PyStr s => s.Value,
            _ when ReportShapes.TryNumber(value, out var number) => ReportFormat.Exact(number),
            _ => value.ToString(),
        };
    }
}
