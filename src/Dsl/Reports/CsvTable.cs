using System.Text;

namespace SlurmSearch.Dsl.Reports;

/// <summary>A CSV file under construction: a header row, then rows; RFC 4180 quoting, invariant numbers, "\n" line ends.</summary>
internal sealed class CsvTable
{
    private readonly StringBuilder _text = new();
    private readonly int _columns;

    public CsvTable(IReadOnlyList<string> header)
    {
        _columns = header.Count;
        AppendRow(header);
    }

    public void Add(params IReadOnlyList<string> cells)
    {
        if (cells.Count != _columns)
        {
            throw new InvalidOperationException($"a CSV row has {cells.Count} cells; the header has {_columns}");
        }

        AppendRow(cells);
    }

    public override string ToString() => _text.ToString();

    private void AppendRow(IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            _text.Append(Cell(cells[i]));
        }

        _text.Append('\n');
    }

    private static string Cell(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
