using SlurmSearch.Sessions.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>Reads NeMo-RL sweep YAML through YamlDotNet's representation model, so every value keeps the text it was written with (<c>1e-6</c> stays <c>1e-6</c>).</summary>
internal sealed class NemoSweepReader
{
    private readonly string _source;
    private readonly string[] _lines;

    private NemoSweepReader(string yaml, string source)
    {
        _source = source;
        _lines = yaml.Split('\n');
    }

    public static NemoSweepFile Read(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return new NemoSweepReader(yaml, source).Read(yaml);
    }

    /// <summary>Loads the single document of <paramref name="yaml"/>; syntax errors become positioned <see cref="SweepPlanException"/>s.</summary>
    internal static YamlNode? LoadDocument(string yaml, string source)
    {
        var lines = yaml.Split('\n');
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // An unclosed bracket is detected only at the end of the file: point at the bracket instead.
            if (e.Message.Contains("flow", StringComparison.Ordinal) && parser.InnermostOpenFlow is { } open)
            {
                throw At(source, lines, (int)open.Start.Line, (int)open.Start.Column, $"YAML error: this '{open.Opener}' is never closed", e);
            }

            throw At(source, lines, (int)e.Start.Line, (int)e.Start.Column, "YAML error: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            if (parser.InnermostOpenFlow is { } open)
            {
                throw At(source, lines, (int)open.Start.Line, (int)open.Start.Column, $"YAML error: this '{open.Opener}' is never closed", e);
            }

            throw At(source, lines, (int)parser.LastEnd.Line, (int)parser.LastEnd.Column, "YAML error near here", e);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw At(source, lines, (int)second.Start.Line, (int)second.Start.Column, "a sweep file is a single YAML document");
        }

        return stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
    }

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s
        && (string.IsNullOrEmpty(s.Value) || s.Value is "~" or "null" or "Null" or "NULL");

    private static SweepPlanException At(string source, string[] lines, int line, int column, string reason, Exception? inner = null) =>
        SweepPlanException.At(source, line, column, reason, line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : null, inner);

    private NemoSweepFile Read(string yaml)
    {
        var root = LoadDocument(yaml, _source);
        if (root is null)
        {
            throw SweepPlanException.InFile(_source, "the sweep file is empty; it needs script_path and 'param: [values]' lists");
        }

        if (root is not YamlMappingNode mapping)
        {
            throw Error(root, "a sweep file is a mapping: script_path, config_path and 'dotted.param: [values]' entries");
        }

        string? script = null;
        string? config = null;
        var parameters = new List<SweepParameter>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                throw Error(keyNode, "keys must be plain parameter names");
            }

            if (seen.TryGetValue(key, out var earlier))
            {
                throw Error(keyNode, $"'{key}' is given twice (first on line {earlier.Start.Line})");
            }

            seen[key] = keyNode;
            switch (key)
            {
                case "script_path":
                    script = PathValue(value, key);
                    break;
                case "config_path":
                    config = PathValue(value, key);
                    break;
                default:
                    parameters.Add(new SweepParameter(key, Values(key, value), (int)keyNode.Start.Line, (int)keyNode.Start.Column));
                    break;
            }
        }

        return new NemoSweepFile(_source, script, config, parameters);
    }

    private string? PathValue(YamlNode node, string key) =>
        IsNull(node) ? null
        : node is YamlScalarNode { Value: { } text } ? text
        : throw Error(node, $"{key} must be a single path, not a {(node is YamlSequenceNode ? "list" : "mapping")}");

    private List<string> Values(string name, YamlNode node)
    {
        if (node is not YamlSequenceNode sequence)
        {
            var shown = node is YamlScalarNode s ? $"'{s.Value}'" : "a mapping";
            throw Error(node, $"sweep values of '{name}' must be a list such as [a, b], not {shown} (a fixed value goes on the command line as {name}=VALUE)");
        }

        if (sequence.Children.Count == 0)
        {
            throw Error(node, $"sweep values of '{name}' are an empty list; give at least one value");
        }

        return [.. sequence.Children.Select(item => Text(name, item))];
    }

    // A scalar as written; a nested list in Hydra's flow form [a,b] (values inside as written too).
    private string Text(string name, YamlNode node) => node switch
    {
        YamlScalarNode { Value: var value } => value ?? string.Empty,
        YamlSequenceNode list => "[" + string.Join(",", list.Children.Select(c => Text(name, c))) + "]",
        _ => throw Error(node, $"a value of '{name}' is a mapping; values are scalars or lists"),
    };

    private SweepPlanException Error(YamlNode node, string reason) => At(_source, _lines, (int)node.Start.Line, (int)node.Start.Column, reason);
}
