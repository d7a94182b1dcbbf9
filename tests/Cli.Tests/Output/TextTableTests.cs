using SlurmSearch.Cli.Output;
using Spectre.Console;

namespace SlurmSearch.Cli.Tests.Output;

public sealed class TextTableTests
{
    private static TextTable Sample()
    {
        var table = new TextTable("session_name", "status", "completed");
        table.Add("calm_blue_fox", "active", "7");
        table.Add("a[b]", "complete", "120");
        return table;
    }

    [Fact]
    public void Write_RedirectedWriter_IsPlainAlignedTextWithoutEscapes()
    {
        using var writer = new StringWriter();

        Sample().Write(writer);

        Assert.Equal(
            ["session_name   status    completed", "-------------  --------  ---------", "calm_blue_fox  active    7", "a[b]           complete  120"],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain('\u001b', writer.ToString());
    }

    [Fact]
    public void WriteDrawn_Terminal_DrawsBordersRightAlignsNumbersAndKeepsMarkupCharacters()
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 80;

        Sample().WriteDrawn(console);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("╭", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("│ a[b]", StringComparison.Ordinal)); // brackets are text, not Spectre markup
        var seven = lines.Single(l => l.Contains("calm_blue_fox", StringComparison.Ordinal));
        var hundred = lines.Single(l => l.Contains("a[b]", StringComparison.Ordinal));
        Assert.Equal(hundred.IndexOf("120", StringComparison.Ordinal) + 2, seven.IndexOf('7', StringComparison.Ordinal)); // right-aligned
    }
}
