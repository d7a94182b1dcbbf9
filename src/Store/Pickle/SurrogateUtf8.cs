using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SlurmSearch.Store.Pickle;

/// <summary>UTF-8 with Python's <c>surrogatepass</c> error handler, the encoding of every pickled <c>str</c>.</summary>
/// <remarks>
/// Python strings may hold lone surrogates (e.g. from <c>os.fsdecode</c>); pickle writes them as the three-byte
/// sequences strict UTF-8 forbids (ED A0 80 – ED BF BF). .NET's encoder would replace them with U+FFFD, so both
/// directions keep a fast path for well-formed text and fall back to a per-scalar loop only when needed.
/// A surrogate <em>pair</em> written as two such sequences decodes to the astral character it spells: a .NET string
/// cannot tell the two apart.
/// </remarks>
internal static class SurrogateUtf8
{
    /// <summary>Decodes; returns the index of the first invalid byte in <paramref name="invalidAt"/> (−1 when valid).</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, out int invalidAt)
    {
        invalidAt = -1;
        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var builder = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[i..], out var rune, out var consumed);
            if (status == OperationStatus.Done)
            {
                builder.Append(rune.ToString());
                i += consumed;
            }
            else if (i + 2 < bytes.Length && bytes[i] == 0xED && bytes[i + 1] is >= 0xA0 and <= 0xBF && bytes[i + 2] is >= 0x80 and <= 0xBF)
            {
                builder.Append((char)(0xD000 | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F)));
                i += 3;
            }
            else
            {
                invalidAt = i;
                return null;
            }
        }

        return builder.ToString();
    }

    /// <summary>True when the text holds no lone surrogate, so .NET's UTF-8 encoder writes it exactly.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (at < 0)
        {
            return true;
        }

        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The encoded length.</summary>
    public static int GetByteCount(ReadOnlySpan<char> text)
    {
        if (IsWellFormed(text))
        {
            return Encoding.UTF8.GetByteCount(text);
        }

        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                count += 4;
                i++;
            }
            else
            {
                count += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }

        return count;
    }

    /// <summary>Encodes into <paramref name="destination"/>, which must be large enough; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (IsWellFormed(text))
        {
            return Encoding.UTF8.GetBytes(text, destination);
        }

        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (char.IsHighSurrogate((char)c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                c = char.ConvertToUtf32((char)c, text[i + 1]);
                i++;
                destination[n++] = (byte)(0xF0 | (c >> 18));
                destination[n++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                destination[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                destination[n++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (c < 0x80)
            {
                destination[n++] = (byte)c;
            }
            else if (c < 0x800)
            {
                destination[n++] = (byte)(0xC0 | (c >> 6));
                destination[n++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                // Lone surrogates land here too: exactly the bytes surrogatepass writes.
                destination[n++] = (byte)(0xE0 | (c >> 12));
                destination[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                destination[n++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        return n;
    }
}
