using System.Net;
using System.Text;

namespace SlurmSearch.Dsl.Reports;

/// <summary>The report's <c>index.html</c>: every section's caption, summary lines, figure and CSV link on one self-contained page.</summary>
internal static class IndexPage
{
    public static string Render(string experimentName, IReadOnlyList<Item> items)
    {
        var html = new StringBuilder();
        var title = WebUtility.HtmlEncode($"Report: {experimentName}");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>").Append(title).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;max-width:780px;margin:2em auto;color:#222}")
            .Append("figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}")
            .Append("pre{background:#f6f6f6;padding:.6em;white-space:pre-wrap}</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(title).Append("</h1>\n");
        foreach (var item in items)
        {
            var caption = WebUtility.HtmlEncode(item.Caption);
            var csv = $"<a href=\"{WebUtility.HtmlEncode(Uri.EscapeDataString(item.CsvName))}\">data (CSV)</a>";
            html.Append("<section>\n");
            if (item.SvgName is null)
            {
                html.Append("<h2>").Append(caption).Append("</h2>\n");
            }

            if (item.Lines.Count > 0)
            {
                html.Append("<pre>").Append(WebUtility.HtmlEncode(string.Join("\n", item.Lines))).Append("</pre>\n");
            }

            if (item.SvgName is not null)
            {
                var svg = WebUtility.HtmlEncode(Uri.EscapeDataString(item.SvgName));
                html.Append("<figure>\n<img src=\"").Append(svg).Append("\" alt=\"").Append(caption).Append("\">\n")
                    .Append("<figcaption>").Append(caption).Append(" — ").Append(csv).Append("</figcaption>\n</figure>\n");
            }
            else
            {
                html.Append("<p>").Append(csv).Append("</p>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>One section of the page.</summary>
    public sealed record Item(string Caption, IReadOnlyList<string> Lines, string? SvgName, string CsvName);
}
