namespace SlurmSearch.Store;

/// <summary>A store key <c>type:name</c> (<c>search:…</c>, <c>slurm:…</c>, <c>sampling:…</c>, <c>exp:…</c>, <c>sweep:…</c>); both parts validated so a key is never a path.</summary>
public readonly record struct StateKey
{
    private const int MaxPartLength = 120;

    private StateKey(string type, string name)
    {
        Type = type;
        Name = name;
    }

    /// <summary>The type part, e.g. <c>slurm</c>.</summary>
    public string Type { get; }

    /// <summary>The name part, e.g. <c>my_session</c>.</summary>
    public string Name { get; }

    /// <summary>Creates a key from its parts; throws <see cref="InvalidStateKeyException"/> naming the bad part.</summary>
    public static StateKey Of(string type, string name)
    {
        var problem = Problem(type, "type") ?? Problem(name, "name");
        if (problem is not null)
        {
            throw InvalidStateKeyException.For($"{type}:{name}", problem);
        }

        return new StateKey(type, name);
    }

    /// <summary>Parses <c>type:name</c>; throws <see cref="InvalidStateKeyException"/> when malformed.</summary>
    public static StateKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            throw InvalidStateKeyException.For(text, "a key is type:name (e.g. slurm:my_session)");
        }

        return Of(text[..colon], text[(colon + 1)..]);
    }

    /// <summary>Parses <c>type:name</c>, or <c>name</c> alone as <c>{defaultType}:name</c> (the original's bare-name rule).</summary>
    public static StateKey ParseWithDefaultType(string text, string defaultType)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains(':', StringComparison.Ordinal) ? Parse(text) : Of(defaultType, text);
    }

    /// <summary>Tries to parse <c>type:name</c>.</summary>
    public static bool TryParse(string? text, out StateKey key)
    {
        key = default;
        if (text is null)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || Problem(text[..colon], "type") is not null || Problem(text[(colon + 1)..], "name") is not null)
        {
            return false;
        }

        key = new StateKey(text[..colon], text[(colon + 1)..]);
        return true;
    }

    /// <summary>Why a key part is invalid, or null when it is valid.</summary>
    internal static string? Problem(string? part, string what)
    {
        if (string.IsNullOrEmpty(part))
        {
            return $"the {what} is empty";
        }

        if (part.Length > MaxPartLength)
        {
            return $"the {what} is longer than {MaxPartLength} characters";
        }

        if (part[0] == '.')
        {
            return $"the {what} starts with '.'";
        }

        foreach (var c in part)
        {
            if (c is '/' or '\\' or '\0' or ':' || char.IsControl(c))
            {
                return $"the {what} contains {(c == '\0' ? "NUL" : char.IsControl(c) ? "a control character" : $"'{c}'")}";
            }
        }

        return part.Contains("..", StringComparison.Ordinal) ? $"the {what} contains '..'" : null;
    }

    /// <summary>The key as <c>type:name</c>.</summary>
    public override string ToString() => $"{Type}:{Name}";
}
