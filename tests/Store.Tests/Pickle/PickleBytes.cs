using System.Globalization;

namespace SlurmSearch.Store.Tests.Pickle;

/// <summary>Builds hand-made pickles written as Python bytes literals (<c>\xHH</c>, <c>\n</c>, <c>\\</c>, <c>\'</c>), so they can be pasted into Python as they are.</summary>
internal static class PickleBytes
{
    /// <summary>The bytes of a Python bytes literal body (C#'s own <c>\x</c> takes up to four digits, so a verbatim string goes through here).</summary>
    public static byte[] Py(string literal)
    {
        var bytes = new List<byte>(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c != '\\')
            {
                bytes.Add(checked((byte)c));
                continue;
            }

            c = literal[++i];
            switch (c)
            {
                case 'x':
                    bytes.Add(byte.Parse(literal.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '0': bytes.Add(0); break;
                default: bytes.Add(checked((byte)c)); break;
            }
        }

        return [.. bytes];
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
