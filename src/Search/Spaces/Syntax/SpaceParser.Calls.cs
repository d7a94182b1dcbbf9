namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>Calls and constant arithmetic of the space syntax.</summary>
public sealed partial class SpaceParser
{
    private static readonly string[] Functions =
        [.. Hp.DistributionNames, "choice", "pchoice", "bounded", "float", "int", "log", "exp", "sqrt"];

    private Parsed ParseCall(Token name)
    {
        var open = _tokens.Current;
        _tokens.Next();
        var positional = new List<Parsed>();
        var named = new List<(Token Name, Parsed Value)>();
        var ok = true;
        var wellFormed = ParseSequence(")", open, () =>
        {
            if (_tokens.Current.Kind == TokenKind.Identifier && _tokens.Peek(1).IsSymbol(":"))
            {
                var argName = _tokens.Next();
                _tokens.Next();
                if (named.Any(n => n.Name.Text == argName.Text))
                {
                    _tokens.AddError(argName, $"{name.Text}() got argument '{argName.Text}' twice");
                    ok = false;
                }

                named.Add((argName, ParseValue()));
                return;
            }

            var start = _tokens.Current;
            var value = ParseValue();
            if (named.Count > 0)
            {
                _tokens.AddError(start, $"{name.Text}(): a positional argument cannot follow a named one");
                ok = false;
            }

            positional.Add(value);
        });
        if (!ok || !wellFormed || positional.Any(p => p.IsError) || named.Any(n => n.Value.IsError))
        {
            return Parsed.Error(name);
        }

        return name.Text switch
        {
            "choice" => Choice(name, positional, named),
            "pchoice" => PChoice(name, positional, named),
            "bounded" => Bounded(name, positional, named),
            "float" or "int" => Cast(name, positional, named),
            "log" or "exp" or "sqrt" => MathFunction(name, positional, named),
            _ when Hp.DistributionNames.Contains(name.Text) => Distribution(name, positional, named),
            _ => Fail(name, $"unknown function '{name.Text}' (known: {string.Join(", ", Functions)})"),
        };
    }

    private Parsed Distribution(Token name, List<Parsed> positional, List<(Token Name, Parsed Value)> named)
    {
        string? label = null;
        if (positional.Count > 0 && positional[0].Node is ConstantNode { Value: string first })
        {
            label = first;
            positional.RemoveAt(0);
        }

        var numbers = new List<double>();
        foreach (var argument in positional)
        {
            if (!argument.TryNumber(out var number))
            {
                return Fail(argument.Start, $"{name.Text}(): arguments are numbers");
            }

            numbers.Add(number);
        }

        var namedNumbers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (argName, value) in named)
        {
            if (argName.Text == "label")
            {
                if (!TryLabel(name, argName, value, label, out label))
                {
                    return Parsed.Error(name);
                }
            }
            else if (value.TryNumber(out var number))
            {
                namedNumbers[argName.Text] = number;
            }
            else
            {
                return Fail(value.Start, $"{name.Text}(): argument '{argName.Text}' is a number");
            }
        }

        var placeholder = Placeholder();
        try
        {
            var node = Hp.Create(name.Text, label ?? placeholder, numbers, namedNumbers);
            _sites.Add((label, name));
            return new Parsed(node, null, name);
        }
        catch (ArgumentException e)
        {
            var message = Messages.Raw(e).Replace($"'{placeholder}': ", "", StringComparison.Ordinal);
            return Fail(name, label is null ? $"{name.Text}(): {message}" : message);
        }
    }

    private Parsed Choice(Token name, List<Parsed> positional, List<(Token Name, Parsed Value)> named)
    {
        if (!TryNamedLabel(name, named, out var label))
        {
            return Parsed.Error(name);
        }

        var options = new List<SpaceNode>();
        foreach (var option in positional)
        {
            if (!Expect(option, out var node))
            {
                return Parsed.Error(name);
            }

            options.Add(node);
        }

        return Labelled(name, label, () => new ChoiceNode(label ?? Placeholder(), options));
    }

    private Parsed PChoice(Token name, List<Parsed> positional, List<(Token Name, Parsed Value)> named)
    {
        if (!TryNamedLabel(name, named, out var label))
        {
            return Parsed.Error(name);
        }

        var options = new List<SpaceNode>();
        var probabilities = new List<double>();
        foreach (var pair in positional)
        {
            if (pair.Items is not { Count: 2 } items || !items[0].TryNumber(out var p) || items[1].Node is not { } option)
            {
                return Fail(pair.Start, "pchoice(): each option is a pair (probability, option)");
            }

            probabilities.Add(p);
            options.Add(option);
        }

        return Labelled(name, label, () => new ChoiceNode(label ?? Placeholder(), options, probabilities));
    }

    private Parsed Bounded(Token name, List<Parsed> positional, List<(Token Name, Parsed Value)> named)
    {
        if (positional.Count is < 1 or > 3)
        {
            return Fail(name, "bounded() takes an expression and optional min and max: bounded(expr, min: 0, max: 1)");
        }

        if (!Expect(positional[0], out var expression))
        {
            return Parsed.Error(name);
        }

        var bounds = new double?[2];
        var given = new bool[2];
        for (var i = 1; i < positional.Count; i++)
        {
            if (!TryBound(name, positional[i], out bounds[i - 1]))
            {
                return Parsed.Error(name);
            }

            given[i - 1] = true;
        }

        foreach (var (argName, value) in named)
        {
            var index = argName.Text switch { "min" => 0, "max" => 1, _ => -1 };
            if (index < 0)
            {
                return Fail(argName, $"bounded() has no argument '{argName.Text}' (it takes min and max)");
            }

            if (given[index])
            {
                return Fail(argName, $"bounded() got '{argName.Text}' twice");
            }

            if (!TryBound(name, value, out bounds[index]))
            {
                return Parsed.Error(name);
            }
        }

        try
        {
            return new Parsed(new BoundedNode(expression, bounds[0], bounds[1]), null, name);
        }
        catch (ArgumentException e)
        {
            return Fail(name, Messages.Raw(e));
        }
    }

    private Parsed Cast(Token name, List<Parsed> positional, List<(Token Name, Parsed Value)> named)
    {
        if (positional.Count != 1 || named.Count != 0)
        {
            return Fail(name, $"{name.Text}() takes one argument");
        }

        var kind = name.Text == "int" ? ValueKind.Int : ValueKind.Float;
        switch (positional[0].Node)
        {
            case ParameterNode p:
                try
                {
                    return new Parsed(new ParameterNode(p.Label, p.Distribution, kind), null, name);
                }
                catch (ArgumentException)
                {
                    return Fail(name, $"int() applies to parameters with whole-number values (randint, uniformint, a q-form with a whole q), not {Hp.NameOf(p.Distribution)}{(p.Distribution is UniformDistribution { Q: { } q } || p.Distribution is NormalDistribution { Q: { } q2 } ? " with a fractional q" : "")}");
                }

            case ConstantNode { Value: long l }:
                return new Parsed(new ConstantNode(kind == ValueKind.Int ? (object)l : (double)l), null, name);
            case ConstantNode { Value: double d } when kind == ValueKind.Float:
                return new Parsed(new ConstantNode(d), null, name);
            case ConstantNode { Value: double d } when double.IsFinite(d) && Math.Abs(d) < 9.2233720368547758e18:
                return new Parsed(new ConstantNode((long)Math.Truncate(d)), null, name);
            default:
                return Fail(positional[0].Start, $"{name.Text}() applies to a parameter or a number");
        }
    }

    private Parsed MathFunction(Token name, List<Parsed> positional, List<(Token Name, Parsed Value)> named)
    {
        if (positional.Count != 1 || named.Count != 0 || !positional[0].TryNumber(out var x))
        {
            return Fail(name, $"{name.Text}() takes one number");
        }

        var result = name.Text switch
        {
            "log" => x > 0 ? Math.Log(x) : double.NaN,
            "exp" => Math.Exp(x),
            _ => x >= 0 ? Math.Sqrt(x) : double.NaN,
        };
        return double.IsNaN(result)
            ? Fail(name, $"{name.Text}({x}) is not a real number")
            : new Parsed(new ConstantNode(result), null, name);
    }

    private Parsed Unary(Token op, Parsed operand)
    {
        if (operand.IsError)
        {
            return operand;
        }

        if (operand.Node is ConstantNode { Value: long l })
        {
            return op.Text == "+" ? operand with { Start = op } : Checked(op, () => checked(-l));
        }

        if (operand.Node is ConstantNode { Value: double d })
        {
            return new Parsed(new ConstantNode(op.Text == "+" ? d : -d), null, op);
        }

        return Fail(op, $"unary '{op.Text}' applies to numbers only (a space cannot be negated)");
    }

    private Parsed Arithmetic(Token op, Parsed left, Parsed right)
    {
        if (left.IsError || right.IsError)
        {
            return Parsed.Error(op);
        }

        if (left.Node is ConstantNode { Value: long a } && right.Node is ConstantNode { Value: long b } && op.Text != "/" && (op.Text != "**" || b >= 0))
        {
            return op.Text switch
            {
                "+" => Checked(left.Start, () => checked(a + b)),
                "-" => Checked(left.Start, () => checked(a - b)),
                "**" => Checked(left.Start, () => IntegerPower(a, b)),
                _ => Checked(left.Start, () => checked(a * b)),
            };
        }

        if (!left.TryNumber(out var x) || !right.TryNumber(out var y))
        {
            return Fail(op, $"'{op.Text}' applies to numbers only; search-space arithmetic is not supported");
        }

        var result = op.Text switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "**" => Math.Pow(x, y),
            _ => y == 0 ? double.NaN : x / y,
        };
        return double.IsNaN(result)
            ? Fail(op, $"{x} {op.Text} {y} is not a number")
            : new Parsed(new ConstantNode(result), null, left.Start);
    }

    // Python's int ** non-negative int: exact, and an overflow past 64 bits is an error rather than a silent float.
    private static long IntegerPower(long value, long exponent)
    {
        switch (value)
        {
            case 0:
                return exponent == 0 ? 1 : 0;
            case 1:
                return 1;
            case -1:
                return exponent % 2 == 0 ? 1 : -1;
        }

        // |value| >= 2 overflows within 63 steps, so the loop is short.
        var result = 1L;
        for (var i = 0L; i < exponent; i++)
        {
            result = checked(result * value);
        }

        return result;
    }

    private Parsed Checked(Token at, Func<long> compute)
    {
        try
        {
            return new Parsed(new ConstantNode(compute()), null, at);
        }
        catch (OverflowException)
        {
            return Fail(at, "integer arithmetic overflows 64 bits");
        }
    }

    private Parsed Labelled(Token name, string? label, Func<SpaceNode> create)
    {
        try
        {
            var node = create();
            _sites.Add((label, name));
            return new Parsed(node, null, name);
        }
        catch (ArgumentException e)
        {
            var message = Messages.Raw(e);
            var quote = message.IndexOf("': ", StringComparison.Ordinal);
            return Fail(name, label is null && message.StartsWith("'\u0001", StringComparison.Ordinal) && quote > 0
                ? $"{name.Text}(): {message[(quote + 3)..]}"
                : message);
        }
    }

    private bool TryNamedLabel(Token function, List<(Token Name, Parsed Value)> named, out string? label)
    {
        label = null;
        foreach (var (argName, value) in named)
        {
            if (argName.Text != "label")
            {
                _tokens.AddError(argName, $"{function.Text}() has no argument '{argName.Text}' (options are positional; it takes label)");
                return false;
            }

            if (!TryLabel(function, argName, value, label, out label))
            {
                return false;
            }
        }

        return true;
    }

    private bool TryLabel(Token function, Token argName, Parsed value, string? previous, out string? label)
    {
        label = previous;
        if (previous is not null)
        {
            _tokens.AddError(argName, $"{function.Text}() got a label twice");
            return false;
        }

        if (value.Node is not ConstantNode { Value: string { Length: > 0 } text } || string.IsNullOrWhiteSpace(text))
        {
            _tokens.AddError(value.Start, $"{function.Text}(): label is a non-blank string");
            return false;
        }

        label = text;
        return true;
    }

    private bool TryBound(Token function, Parsed value, out double? bound)
    {
        bound = null;
        if (value.Node is ConstantNode { Value: null })
        {
            return true;
        }

        if (value.TryNumber(out var number))
        {
            bound = number;
            return true;
        }

        _tokens.AddError(value.Start, $"{function.Text}(): a bound is a number or null");
        return false;
    }

    private Parsed Fail(Token at, string message)
    {
        _tokens.AddError(at, message);
        return Parsed.Error(at);
    }
}
