using System.Globalization;
using System.Text;

namespace SlurmSearch.Search.Spaces.Syntax;

/// <summary>
/// Prints a space in the canonical text form <see cref="SpaceParser"/> reads back to an equal space: one line, keys bare when they
/// are names, labels only where they differ from the default ones, log-space bounds as <c>log(x)</c> when that is exact.
/// </summary>
public static class SpacePrinter
{
    /// <summary>The canonical text of a space.</summary>
    public static string Print(StructuredSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return Print(space.Root);
    }

    /// <summary>The canonical text of a tree of nodes, labels judged as if <paramref name="root"/> were the root of a space.</summary>
    public static string Print(SpaceNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var printer = new Writer(DefaultLabels.Compute(root));
        printer.Write(root);
        return printer.ToString();
    }

    /// <summary>A float as the text form writes it: shortest round-trip digits, always with a <c>.</c> or exponent, <c>inf</c>, <c>-inf</c>.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            return text.Replace("E", "e", StringComparison.Ordinal);
        }

        return text.Contains('.', StringComparison.Ordinal) || text.Contains("NaN", StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A string literal with the escapes the lexer reads.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private sealed class Writer(IReadOnlyList<string?> defaults)
    {
        private readonly StringBuilder _text = new();
        private int _site;

        public override string ToString() => _text.ToString();

        public void Write(SpaceNode node)
        {
            switch (node)
            {
                case ConstantNode c:
                    Constant(c.Value);
                    break;
                case ParameterNode p:
                    Parameter(p);
                    break;
                case ChoiceNode c:
                    Choice(c);
                    break;
                case DictNode d:
                    _text.Append('{');
                    for (var i = 0; i < d.Entries.Count; i++)
                    {
                        _text.Append(i > 0 ? ", " : "").Append(Key(d.Entries[i].Key)).Append(": ");
                        Write(d.Entries[i].Value);
                    }

                    _text.Append('}');
                    break;
                case ListNode l:
                    _text.Append('[');
                    Items(l.Items);
                    _text.Append(']');
                    break;
                case BoundedNode b:
                    _text.Append("bounded(");
                    Write(b.Expression);
                    if (b.Min is { } min)
                    {
                        _text.Append(", min: ").Append(Argument(min));
                    }

                    if (b.Max is { } max)
                    {
                        _text.Append(", max: ").Append(Argument(max));
                    }

                    _text.Append(')');
                    break;
                default:
                    throw new ArgumentException($"unknown space node {node.GetType().Name}", nameof(node));
            }
        }

        private void Items(IReadOnlyList<SpaceNode> items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                _text.Append(i > 0 ? ", " : "");
                Write(items[i]);
            }
        }

        private void Parameter(ParameterNode p)
        {
            var cast = p.Kind != ParameterNode.DefaultKind(p.Distribution);
            _text.Append(cast ? "float(" : "").Append(Hp.NameOf(p.Distribution)).Append('(');
            switch (p.Distribution)
            {
                case UniformDistribution u:
                    _text.Append(u.Log ? LogArgument(u.Low) : Argument(u.Low)).Append(", ").Append(u.Log ? LogArgument(u.High) : Argument(u.High));
                    if (u.Q is { } uq)
                    {
                        _text.Append(", ").Append(Argument(uq));
                    }

                    break;
                case NormalDistribution n:
                    _text.Append(n.Log ? LogArgument(n.Mu) : Argument(n.Mu)).Append(", ").Append(Argument(n.Sigma));
                    if (n.Q is { } nq)
                    {
                        _text.Append(", ").Append(Argument(nq));
                    }

                    break;
                case RandIntDistribution r:
                    _text.Append(r.Low == 0 ? "" : Integer(r.Low) + ", ").Append(Integer(r.High));
                    break;
            }

            Label(p.Label);
            _text.Append(cast ? "))" : ")");
        }

        private void Choice(ChoiceNode c)
        {
            if (c.Probabilities is null)
            {
                _text.Append("choice(");
                Items(c.Options);
            }
            else
            {
                _text.Append("pchoice(");
                for (var i = 0; i < c.Options.Count; i++)
                {
                    _text.Append(i > 0 ? ", (" : "(").Append(Argument(c.Probabilities[i])).Append(", ");
                    Write(c.Options[i]);
                    _text.Append(')');
                }
            }

            Label(c.Label);
            _text.Append(')');
        }

        // Sites are numbered in post-order: a node's label is printed after its options, so the count matches DefaultLabels.
        private void Label(string label)
        {
            if (defaults[_site++] != label)
            {
                _text.Append(", label: ").Append(Quote(label));
            }
        }

        private void Constant(object? value) => _text.Append(value switch
        {
            null => "null",
            true => "true",
            false => "false",
            string s => Quote(s),
            long l => Integer(l),
            double d => FormatFloat(d),
            _ => throw new ArgumentException($"unknown constant type {value.GetType().Name}", nameof(value)),
        });

        private static string Integer(long value) =>
            value == long.MinValue ? "(-9223372036854775807 - 1)" : value.ToString(CultureInfo.InvariantCulture);

        // Distribution arguments are always floats, so whole numbers print without ".0".
        private static string Argument(double value) =>
            value == Math.Floor(value) && Math.Abs(value) < 1e15 && !(value == 0 && double.IsNegative(value))
                ? ((long)value).ToString(CultureInfo.InvariantCulture)
                : FormatFloat(value);

        // hyperopt's log-space bounds read best as log(1e-05) when a short number's log is exactly the bound.
        private static string LogArgument(double value)
        {
            var original = Math.Exp(value);
            if (double.IsFinite(original) && original > 0)
            {
                var text = original.ToString("G6", CultureInfo.InvariantCulture);
                var parsed = double.Parse(text, CultureInfo.InvariantCulture);
                if (Math.Log(parsed) == value)
                {
                    return $"log({Argument(parsed).Replace("E", "e", StringComparison.Ordinal)})";
                }
            }

            return Argument(value);
        }

        private static string Key(string key) =>
            key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                ? key
                : Quote(key);
    }
}
