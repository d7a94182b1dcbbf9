using SlurmSearch.Search.Grid;
using SlurmSearch.Search.Spaces.Syntax;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>
/// Reads the <c>.sweep</c> language (see docs/sweeps.md) with the space lexer: one <c>run NAME { … }</c> block of settings, named grids and
/// experiments. Errors are collected (the parser resynchronises at the next line) and reported together, the first one's position in the message.
/// </summary>
internal sealed class RunDescriptionParser
{
    private static readonly string[] RunSettings = ["param_prefix", "experiment_arg_name", "experiment_dir_arg_name", "customize_experiment_name"];

    private readonly TokenStream _tokens;
    private readonly string _source;
    private readonly Dictionary<string, ParamGrid> _grids = new(StringComparer.Ordinal);

    private RunDescriptionParser(string text, string source)
    {
        _source = source;
        _tokens = Lexer.Tokenize(text, source);
    }

    public static RunDescription Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var parser = new RunDescriptionParser(text, source);
        try
        {
            RunDescription? result = null;
            try
            {
                result = parser.ParseFile();
            }
            catch (Abort)
            {
                // Recorded already; reported with the others below.
            }

            parser._tokens.ThrowIfErrors();
            return result!;
        }
        catch (SpaceParseException e)
        {
            var first = e.Errors[0];
            var more = e.Errors.Count > 1 ? $" (and {e.Errors.Count - 1} more error{(e.Errors.Count > 2 ? "s" : "")})" : "";
            throw SweepPlanException.At(source, first.Line, first.Column, first.Message + more, first.SourceLine, e);
        }
    }

    private RunDescription? ParseFile()
    {
        if (!_tokens.Current.IsIdentifier("run"))
        {
            Fail(_tokens.Current, $"a run description starts with 'run NAME {{'; found {_tokens.Current.Describe()}");
            return null;
        }

        _tokens.Next();
        string? name = null;
        var settings = new Dictionary<string, object>(StringComparer.Ordinal);
        var experiments = new List<SweepExperiment>();
        var experimentNames = new Dictionary<string, Token>(StringComparer.Ordinal);
        if (!TryRecover(() => name = Name("run")) || !TryRecover(() => Expect("{")))
        {
            return null;
        }

        while (!_tokens.AtEnd && !_tokens.Current.IsSymbol("}"))
        {
            var start = _tokens.Current;
            TryRecover(() =>
            {
                if (start.IsIdentifier("experiment"))
                {
                    _tokens.Next();
                    var nameToken = _tokens.Current;
                    var experiment = Experiment(Name("experiment"));
                    if (!experimentNames.TryAdd(experiment.Name, nameToken))
                    {
                        Fail(nameToken, $"experiment '{experiment.Name}' is defined twice (first on line {experimentNames[experiment.Name].Line}); names must differ");
                    }

                    experiments.Add(experiment);
                }
                else if (start.IsIdentifier("grid"))
                {
                    _tokens.Next();
                    var nameToken = _tokens.Current;
                    var gridName = Name("grid");
                    var grid = GridBlock();
                    if (!_grids.TryAdd(gridName, grid))
                    {
                        Fail(nameToken, $"grid '{gridName}' is defined twice");
                    }
                }
                else if (start.Kind == TokenKind.Identifier && RunSettings.Contains(start.Text, StringComparer.Ordinal))
                {
                    _tokens.Next();
                    Expect("=");
                    if (settings.ContainsKey(start.Text))
                    {
                        Fail(start, $"'{start.Text}' is set twice");
                    }

                    settings[start.Text] = start.Text == "customize_experiment_name" ? Bool(start.Text) : StringValue(start.Text);
                }
                else
                {
                    Fail(start, $"expected 'experiment', 'grid' or a setting ({string.Join(", ", RunSettings)}); found {start.Describe()}");
                }
            });
        }

        if (!TryRecover(() => Expect("}")))
        {
            return null;
        }

        if (!_tokens.AtEnd)
        {
            Fail(_tokens.Current, $"nothing may follow the run block; found {_tokens.Current.Describe()}");
        }

        if (experiments.Count == 0 && _tokens.Errors.Count == 0)
        {
            Fail(_tokens.Current, $"run '{name}' has no experiment; add 'experiment NAME {{ command = \"…\" grid {{ … }} }}'");
        }

        return new RunDescription(
            _source,
            name!,
            experiments,
            settings.TryGetValue("experiment_arg_name", out var arg) ? (string)arg : "--experiment",
            settings.TryGetValue("experiment_dir_arg_name", out var dirArg) ? (string)dirArg : "--train_dir",
            !settings.TryGetValue("customize_experiment_name", out var customize) || (bool)customize,
            settings.TryGetValue("param_prefix", out var prefix) ? (string)prefix : "--");
    }

    private SweepExperiment Experiment(string name)
    {
        var open = _tokens.Current;
        Expect("{");
        string? command = null;
        var randomize = false;
        ParamGrid? grid = null;
        var environment = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!_tokens.AtEnd && !_tokens.Current.IsSymbol("}"))
        {
            var key = _tokens.Current;
            TryRecover(() =>
            {
                if (key.Kind != TokenKind.Identifier || key.Text is not ("command" or "randomize" or "env" or "grid"))
                {
                    Fail(key, $"expected command, randomize, env or grid in experiment '{name}'; found {key.Describe()}");
                }

                if (!seen.Add(key.Text))
                {
                    Fail(key, $"'{key.Text}' is given twice in experiment '{name}'");
                }

                _tokens.Next();
                switch (key.Text)
                {
                    case "command":
                        Expect("=");
                        command = StringValue("command");
                        break;
                    case "randomize":
                        Expect("=");
                        randomize = Bool("randomize");
                        break;
                    case "env":
                        environment.AddRange(EnvBlock());
                        break;
                    default:
                        grid = GridReference();
                        break;
                }
            });
        }

        Expect("}");
        if (command is null)
        {
            Fail(open, $"experiment '{name}' has no command; add command = \"…\"");
        }

        return new SweepExperiment(name, command!, grid ?? new ParamGrid([]), randomize, environment);
    }

    // "grid { … }" inline, or "grid = NAME" naming a grid defined earlier.
    private ParamGrid GridReference()
    {
        if (!_tokens.TrySymbol("="))
        {
            return GridBlock();
        }

        var at = _tokens.Current;
        var name = Name("grid");
        return _grids.TryGetValue(name, out var grid)
            ? grid
            : Fail<ParamGrid>(at, _grids.Count == 0 ? $"no grid named '{name}' is defined above" : $"no grid named '{name}' is defined above; known: {string.Join(", ", _grids.Keys)}");
    }

    private ParamGrid GridBlock()
    {
        Expect("{");
        var entries = new List<ParamGridEntry>();
        var names = new Dictionary<string, Token>(StringComparer.Ordinal);
        while (!_tokens.AtEnd && !_tokens.Current.IsSymbol("}"))
        {
            TryRecover(() =>
            {
                var start = _tokens.Current;
                var tied = _tokens.TrySymbol("(");
                var nameTokens = new List<(string Name, Token At)>();
                do
                {
                    var at = _tokens.Current;
                    nameTokens.Add((ParameterName(), at));
                }
                while (tied && _tokens.TrySymbol(","));

                if (tied)
                {
                    Expect(")");
                }

                Expect(":");
                foreach (var (n, at) in nameTokens)
                {
                    if (!names.TryAdd(n, at))
                    {
                        Fail(at, $"parameter '{n}' appears twice in the grid (first on line {names[n].Line})");
                    }
                }

                var valuesAt = _tokens.Current;
                entries.Add(tied ? TiedValues(nameTokens.ConvertAll(t => t.Name), valuesAt) : ParamGridEntry.Single(nameTokens[0].Name, ValueList(nameTokens[0].Name)));
                _ = start;
                _tokens.TrySymbol(",");
            });
        }

        Expect("}");
        return new ParamGrid(entries);
    }

    private ParamGridEntry TiedValues(List<string> names, Token at)
    {
        var display = $"({string.Join(", ", names)})";
        var close = _tokens.TrySymbol("(") ? ")" : _tokens.TrySymbol("[") ? "]" : Fail<string>(at, $"values of {display} must be a list of tuples such as ([a, 1], [b, 2]); found {at.Describe()}");
        var tuples = new List<List<object?>>();
        while (!_tokens.Current.IsSymbol(close))
        {
            var tupleAt = _tokens.Current;
            var tupleClose = _tokens.TrySymbol("[") ? "]" : _tokens.TrySymbol("(") ? ")" : Fail<string>(tupleAt, $"each value of {display} is a tuple such as [a, 1]; found {tupleAt.Describe()}");
            var items = new List<object?>();
            while (!_tokens.Current.IsSymbol(tupleClose))
            {
                items.Add(Scalar(display));
                if (!_tokens.TrySymbol(","))
                {
                    break;
                }
            }

            Expect(tupleClose);
            if (items.Count != names.Count)
            {
                Fail(tupleAt, $"value {tuples.Count} of tied parameters {display} has {items.Count} item{(items.Count == 1 ? "" : "s")}, expected {names.Count}");
            }

            tuples.Add(items);
            if (!_tokens.TrySymbol(","))
            {
                break;
            }
        }

        Expect(close);
        return tuples.Count == 0
            ? Fail<ParamGridEntry>(at, $"tied parameters {display} have an empty list of values; give at least one tuple")
            : ParamGridEntry.Tied(names, tuples);
    }

    private List<object?> ValueList(string name)
    {
        var at = _tokens.Current;
        if (!_tokens.TrySymbol("["))
        {
            return Fail<List<object?>>(at, $"values of '{name}' must be a list such as [a, b]; found {at.Describe()}");
        }

        var values = new List<object?>();
        while (!_tokens.Current.IsSymbol("]"))
        {
            values.Add(Scalar(name));
            if (!_tokens.TrySymbol(","))
            {
                break;
            }
        }

        Expect("]");
        return values.Count == 0 ? Fail<List<object?>>(at, $"values of '{name}' are an empty list; give at least one value") : values;
    }

    private List<KeyValuePair<string, string>> EnvBlock()
    {
        Expect("{");
        var result = new List<KeyValuePair<string, string>>();
        while (!_tokens.AtEnd && !_tokens.Current.IsSymbol("}"))
        {
            var at = _tokens.Current;
            if (at.Kind != TokenKind.Identifier)
            {
                Fail(at, $"expected an environment variable name; found {at.Describe()}");
            }

            _tokens.Next();
            Expect("=");
            result.Add(new(at.Text, (string)Scalar(at.Text)!));
            _tokens.TrySymbol(",");
        }

        Expect("}");
        return result;
    }

    // A value as the text that reaches the command: numbers as written (with their sign), strings unquoted, bare words as written.
    private object? Scalar(string what)
    {
        var sign = _tokens.Current.IsSymbol("-") ? "-" : _tokens.Current.IsSymbol("+") ? "+" : "";
        if (sign.Length > 0)
        {
            _tokens.Next();
            if (_tokens.Current.Kind != TokenKind.Number)
            {
                Fail(_tokens.Current, $"expected a number after '{sign}' in the values of {Quote(what)}; found {_tokens.Current.Describe()}");
            }
        }

        var token = _tokens.Next();
        return token.Kind switch
        {
            TokenKind.Number => sign + token.Text,
            TokenKind.String => (string)token.Value!,
            TokenKind.Identifier => token.Text,
            _ => Fail<object?>(token, $"expected a value (number, \"string\" or word) in the values of {Quote(what)}; found {token.Describe()}"),
        };
    }

    private string ParameterName()
    {
        var token = _tokens.Current;
        if (token.Kind == TokenKind.String)
        {
            _tokens.Next();
            var text = (string)token.Value!;
            return text.Length > 0 && !text.Any(char.IsWhiteSpace) ? text : Fail<string>(token, "a parameter name cannot be empty or contain spaces");
        }

        if (token.Kind != TokenKind.Identifier)
        {
            return Fail<string>(token, $"expected a parameter name or a tied tuple (a, b); found {token.Describe()}");
        }

        _tokens.Next();
        var name = token.Text;
        // Dotted names (optim.lr) are read token by token; the parts must touch.
        while (_tokens.Current.IsSymbol(".") && _tokens.Peek(1).Kind == TokenKind.Identifier && _tokens.Peek(1).Offset == _tokens.Current.Offset + 1)
        {
            _tokens.Next();
            name += "." + _tokens.Next().Text;
        }

        return name;
    }

    private string Name(string what)
    {
        var token = _tokens.Current;
        if (token.Kind is TokenKind.Identifier or TokenKind.String)
        {
            _tokens.Next();
            var text = token.Kind == TokenKind.String ? (string)token.Value! : token.Text;
            return text.Length > 0 && !text.Any(c => char.IsWhiteSpace(c) || c == '/') ? text : Fail<string>(token, $"a {what} name cannot be empty or contain spaces or '/'");
        }

        return Fail<string>(token, $"expected the {what}'s name; found {token.Describe()}");
    }

    private string StringValue(string what)
    {
        var token = _tokens.Current;
        if (token.Kind != TokenKind.String)
        {
            return Fail<string>(token, $"{what} takes a \"string\"; found {token.Describe()}");
        }

        _tokens.Next();
        return (string)token.Value!;
    }

    private bool Bool(string what)
    {
        var token = _tokens.Current;
        if (token.Kind == TokenKind.Identifier && token.Text is "true" or "True" or "false" or "False")
        {
            _tokens.Next();
            return token.Text is "true" or "True";
        }

        return Fail<bool>(token, $"{what} takes true or false; found {token.Describe()}");
    }

    private void Expect(string symbol)
    {
        if (!_tokens.TrySymbol(symbol))
        {
            Fail(_tokens.Current, $"expected '{symbol}'; found {_tokens.Current.Describe()}");
        }
    }

    private static string Quote(string what) => what.StartsWith('(') ? what : $"'{what}'";

    private void Fail(Token at, string message) => Fail<bool>(at, message);

    private T Fail<T>(Token at, string message)
    {
        _tokens.AddError(at, message);
        throw new Abort(at);
    }

    // Runs one item; after an error skips to the next line outside brackets (or a closing brace of this block) so later errors are found too.
    private bool TryRecover(Action item)
    {
        try
        {
            item();
            return true;
        }
        catch (Abort abort)
        {
            var depth = 0;
            var line = abort.At.Line;
            if (_tokens.Position > 0 && _tokens.Current.Offset < abort.At.Offset)
            {
                line = _tokens.Current.Line;
            }

            while (!_tokens.AtEnd)
            {
                var t = _tokens.Current;
                if (depth <= 0 && t.Line > line && !t.IsSymbol("]") && !t.IsSymbol(")"))
                {
                    break;
                }

                if (t.IsSymbol("{") || t.IsSymbol("[") || t.IsSymbol("("))
                {
                    depth++;
                }
                else if (t.IsSymbol("}") || t.IsSymbol("]") || t.IsSymbol(")"))
                {
                    // A brace at or below the error's level closes the enclosing block; stray ) and ] are the failed entry's.
                    if (depth <= 0 && t.IsSymbol("}"))
                    {
                        break;
                    }

                    depth--;
                }

                _tokens.Next();
            }

            return false;
        }
    }

    private sealed class Abort(Token at) : Exception
    {
        public Token At { get; } = at;
    }
}
