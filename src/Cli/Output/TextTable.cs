using System.Globalization;
using Spectre.Console;

namespace SlurmSearch.Cli.Output;

/// <summary>
/// A table: drawn with Spectre.Console (borders, numbers right-aligned) when it goes to an interactive terminal, and as
/// plain aligned text (what the original printed) when the output is redirected — logs, pipes, tests and scripts get
/// stable columns without escape codes.
/// </summary>
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

    /// <summary>Writes the table: to the process's terminal as a drawn table, anywhere else as plain text.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        {
            WriteDrawn(AnsiConsole.Console);
            return;
        }

        WritePlain(writer);
    }

    /// <summary>Draws the table on <paramref name="console"/> with Spectre.Console.</summary>
    public void WriteDrawn(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < _headers.Length; i++)
        {
            var column = new TableColumn(Markup.Escape(_headers[i]));
            table.AddColumn(IsNumeric(i) ? column.RightAligned() : column);
        }

        foreach (var row in _rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    /// <summary>Writes headers, a rule and the rows, columns padded to their widest cell.</summary>
    public void WritePlain(TextWriter writer)
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

    private bool IsNumeric(int column) =>
        _rows.Count > 0 && _rows.All(r => r[column].Length == 0 || double.TryParse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
