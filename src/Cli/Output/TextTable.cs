namespace SlurmSearch.Cli.Output;

/// <summary>A plain, aligned text table (what the original printed); readable in a terminal and in a log file alike.</summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with the given column headers.</summary>
    public TextTable(params string[] headers) => _headers = headers;

    /// <summary>The number of data rows.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds a row; missing cells are blank.</summary>
    public void Add(params string?[] cells) => _rows.Add([.. Enumerable.Range(0, _headers.Length).Select(i => i < cells.Length ? cells[i] ?? string.Empty : string.Empty)]);

    /// <summary>Writes the table: headers, a rule, rows; columns padded to their widest cell.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        writer.WriteLine(Line(_headers, widths));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            writer.WriteLine(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
