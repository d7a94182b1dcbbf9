using System.Globalization;
using System.Numerics;
using System.Text;

namespace SlurmSearch.Store.Pickle;

/// <summary>Parses the text arguments of protocol 0 opcodes (INT, LONG, FLOAT, STRING, UNICODE, GET, PUT). Each returns false on malformed text.</summary>
internal static class PickleText
{
    private const int MaxDigits = 4300;

    /// <summary>Python's <c>int(text, 0)</c> for the forms pickles contain: optional sign, decimal or 0x/0o/0b digits, underscores between digits.</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var s = Encoding.ASCII.GetString(text).Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+'))
        {
            s = s[1..];
        }

        var radix = s.Length > 2 && s[0] == '0' ? char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 10 } : 10;
        var digits = radix == 10 ? s : s[2..];
        // Python 3.11 refuses longer decimal conversions too (int_max_str_digits); the limit also keeps this loop linear-ish.
        if (digits.Length == 0 || digits.Length > MaxDigits || (radix == 10 && digits.Length > 1 && digits[0] == '0' && digits.Any(c => c != '0')))
        {
            return false;
        }

        foreach (var c in digits)
        {
            var d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            value = (value * radix) + d;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>Python's <c>float(text)</c>: decimal or exponent notation, <c>nan</c>, <c>inf</c>, <c>infinity</c>, any case.</summary>
    public static bool TryParseFloat(ReadOnlySpan<byte> text, out double value)
    {
        var s = Encoding.ASCII.GetString(text).Trim();
        var body = s.TrimStart('+', '-');
        var negative = s.StartsWith('-');
        switch (body.ToLowerInvariant())
        {
            case "nan":
                value = double.NaN;
                return s.Length - body.Length <= 1;
            case "inf" or "infinity":
                value = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return s.Length - body.Length <= 1;
        }

        return double.TryParse(s.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Python's <c>codecs.escape_decode</c> of a quoted Python 2 string literal (the STRING opcode).</summary>
    public static bool TryUnquote(ReadOnlySpan<byte> text, out byte[] value)
    {
        value = [];
        if (text.Length < 2 || text[0] != text[^1] || text[0] is not ((byte)'\'' or (byte)'"'))
        {
            return false;
        }

        var body = text[1..^1];
        var result = new List<byte>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                result.Add(body[i]);
                continue;
            }

            if (++i == body.Length)
            {
                return false; // a trailing backslash: CPython reports "Trailing \ in string"
            }

            var c = body[i];
            switch (c)
            {
                case (byte)'\n': break;
                case (byte)'\\' or (byte)'\'' or (byte)'"': result.Add(c); break;
                case (byte)'a': result.Add(7); break;
                case (byte)'b': result.Add(8); break;
                case (byte)'f': result.Add(12); break;
                case (byte)'n': result.Add(10); break;
                case (byte)'r': result.Add(13); break;
                case (byte)'t': result.Add(9); break;
                case (byte)'v': result.Add(11); break;
                case >= (byte)'0' and <= (byte)'7':
                    var octal = c - '0';
                    for (var k = 0; k < 2 && i + 1 < body.Length && body[i + 1] is >= (byte)'0' and <= (byte)'7'; k++)
                    {
                        octal = (octal * 8) + body[++i] - '0';
                    }

                    result.Add((byte)octal);
                    break;
                case (byte)'x':
                    if (i + 2 >= body.Length || !IsHex(body[i + 1]) || !IsHex(body[i + 2]))
                    {
                        return false;
                    }

                    result.Add((byte)((Hex(body[i + 1]) << 4) | Hex(body[i + 2])));
                    i += 2;
                    break;
                default:
                    result.Add((byte)'\\');
                    result.Add(c);
                    break;
            }
        }

        value = [.. result];
        return true;
    }

    /// <summary>Python's <c>raw-unicode-escape</c> decoding (the UNICODE opcode): latin-1 bytes plus <c>\uXXXX</c> / <c>\UXXXXXXXX</c>.</summary>
    /// <remarks>As in CPython, <c>\u</c> is an escape only after an odd number of backslashes; other backslashes are literal.</remarks>
    public static bool TryRawUnicodeEscape(ReadOnlySpan<byte> text, out string value)
    {
        value = string.Empty;
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '\\')
            {
                result.Append((char)text[i++]);
                continue;
            }

            var run = 0;
            while (i + run < text.Length && text[i + run] == '\\')
            {
                run++;
            }

            var next = i + run < text.Length ? text[i + run] : (byte)0;
            if (run % 2 == 0 || next is not ((byte)'u' or (byte)'U'))
            {
                result.Append('\\', run);
                i += run;
                continue;
            }

            result.Append('\\', run - 1);
            var digits = next == 'u' ? 4 : 8;
            var start = i + run + 1;
            if (start + digits > text.Length)
            {
                return false;
            }

            var code = 0L;
            foreach (var h in text.Slice(start, digits))
            {
                if (!IsHex(h))
                {
                    return false;
                }

                code = (code << 4) | (long)Hex(h);
            }

            if (code > 0x10FFFF)
            {
                return false;
            }

            if (code < 0x10000)
            {
                result.Append((char)code);
            }
            else
            {
                result.Append(char.ConvertFromUtf32((int)code));
            }

            i = start + digits;
        }

        value = result.ToString();
        return true;
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
