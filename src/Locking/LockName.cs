using System.Text;

namespace SlurmSearch.Locking;

/// <summary>Validates lock names: a name becomes the file <c>ROOT/locks/&lt;name&gt;.lock</c>, so it must never be able to name any other path.</summary>
public static class LockName
{
    /// <summary>The longest accepted name, in UTF-16 characters.</summary>
    public const int MaxLength = 200;

    /// <summary>The longest accepted name in UTF-8 bytes, so that <c>&lt;name&gt;.lock</c> fits a file name (NAME_MAX 255).</summary>
    public const int MaxUtf8Bytes = 250;

    /// <summary>Whether <paramref name="name"/> is a valid lock name; <paramref name="reason"/> says why not.</summary>
    public static bool IsValid(string? name, out string reason)
    {
        reason = Check(name) ?? string.Empty;
        return reason.Length == 0;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="name"/> and the rule it breaks, unless it is valid.</summary>
    public static void Validate(string? name, string? paramName = null)
    {
        if (Check(name) is { } reason)
        {
            throw new ArgumentException($"invalid lock name {Quote(name)}: {reason}", paramName ?? nameof(name));
        }
    }

    /// <summary>Quotes a name for messages, escaping control characters so a hostile name cannot garble a terminal line.</summary>
    public static string Quote(string? name)
    {
        if (name is null)
        {
            return "(null)";
        }

        var text = new StringBuilder(name.Length + 2).Append('\'');
        foreach (var c in name)
        {
            _ = char.IsControl(c) ? text.Append($"\\u{(int)c:x4}") : text.Append(c);
        }

        return text.Append('\'').ToString();
    }

    private static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (name[0] == '.')
        {
            return "it starts with '.'";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "it contains '..'";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '/')
            {
                return "it contains '/'";
            }

            if (c == '\0')
            {
                return "it contains a NUL character";
            }

            // Newlines and other control characters are legal in file names but would garble
            // every listing that shows the name.
            if (char.IsControl(c))
            {
                return $"it contains the control character U+{(int)c:X4}";
            }

            // An unpaired surrogate has no UTF-8 form: two different names would map to one file.
            if (char.IsHighSurrogate(c) && (i + 1 == name.Length || !char.IsLowSurrogate(name[i + 1])))
            {
                return $"it contains an unpaired surrogate at index {i}";
            }

            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(name[i - 1])))
            {
                return $"it contains an unpaired surrogate at index {i}";
            }
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxUtf8Bytes)
        {
            return $"it is longer than {MaxUtf8Bytes} bytes in UTF-8";
        }

        return null;
    }
}
