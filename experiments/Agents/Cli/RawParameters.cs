using System.Text;
using System.Text.Json;

namespace SlurmSearch.Agents.Cli;

/// <summary>
/// Parameter names and their textual values, gathered from <c>SSEARCH_PARAMS</c> (a JSON object whose
/// nested objects are flattened to their leaf names) and then from the command line, which overrides.
/// A qualified name (<c>hp.lr</c>, <c>hp:lr</c>, <c>hp/lr</c>) means its last part; hyphens in names
/// mean underscores.
/// </summary>
internal sealed class RawParameters
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public bool HelpRequested { get; private set; }

    public static string LeafName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var cut = name.LastIndexOfAny([':', '.', '/']);
        return (cut >= 0 ? name[(cut + 1)..] : name).Replace('-', '_');
    }

    /// <summary>Reads the <c>SSEARCH_PARAMS</c> JSON object.</summary>
    public void AddJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            // Python's json.dumps writes bare NaN/Infinity (e.g. the original's train_episodes = inf).
            document = JsonDocument.Parse(QuoteNonFiniteLiterals(json));
        }
        catch (JsonException ex)
        {
            throw new UsageException($"SSEARCH_PARAMS is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"SSEARCH_PARAMS must be a JSON object, not {document.RootElement.ValueKind}.");
            }

            var fromJson = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(document.RootElement, "", fromJson);
            foreach (var (name, value) in fromJson)
            {
                _values[name] = value;
            }
        }
    }

    /// <summary>Reads <c>--name=value</c>, <c>--name value</c> and Hydra-style <c>name=value</c> arguments.</summary>
    public void AddArguments(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                HelpRequested = true;
                continue;
            }

            string name;
            string value;
            var body = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg;
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                (name, value) = (body[..eq], body[(eq + 1)..]);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                (name, value) = (body, args[++i]);
            }
            else
            {
                throw new UsageException(arg.StartsWith("--", StringComparison.Ordinal)
                    ? $"parameter '{body}' has no value (use --{body}=VALUE)"
                    : $"unexpected argument '{arg}' (use --name=value or name=value)");
            }

            if (name.Length == 0)
            {
                throw new UsageException($"argument '{arg}' has an empty parameter name");
            }

            _values[LeafName(name)] = value;
        }
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var fullName = path.Length == 0 ? property.Name : path + "." + property.Name;
            var value = property.Value;
            string text;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(value, fullName, into);
                    continue;
                case JsonValueKind.Number:
                    text = value.GetRawText();
                    break;
                case JsonValueKind.String:
                    text = value.GetString() ?? "";
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    text = value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
                default:
                    throw new UsageException($"SSEARCH_PARAMS value '{fullName}' is {value.ValueKind.ToString().ToLowerInvariant()}; a number or string is needed");
            }

            var leaf = LeafName(property.Name);
            if (into.TryGetValue(leaf, out var existing) && existing != text)
            {
                throw new UsageException($"SSEARCH_PARAMS sets '{leaf}' twice with different values ({existing} and {text} at '{fullName}')");
            }

            into[leaf] = text;
        }
    }

    /// <summary>Turns bare NaN, Infinity and -Infinity tokens outside strings into JSON strings.</summary>
    private static string QuoteNonFiniteLiterals(string json)
    {
        var builder = new StringBuilder(json.Length + 8);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    builder.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                builder.Append(c);
                continue;
            }

            var token = c == '-' && Matches(json, i + 1, "Infinity") ? "-Infinity"
                : Matches(json, i, "Infinity") ? "Infinity"
                : Matches(json, i, "NaN") ? "NaN"
                : null;
            if (token is null)
            {
                builder.Append(c);
                continue;
            }

            builder.Append('"').Append(token).Append('"');
            i += token.Length - 1;
        }

        return builder.ToString();
    }

    private static bool Matches(string text, int at, string word) =>
        string.CompareOrdinal(text, at, word, 0, word.Length) == 0;
}
