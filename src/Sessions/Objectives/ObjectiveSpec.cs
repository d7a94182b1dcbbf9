using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions.Objectives;

/// <summary>
/// A command-line objective as stored in a session: a command template (any language) and how parameters reach it —
/// <c>--name=value</c> arguments (prefix configurable; empty for Hydra's <c>name=value</c>), <c>{name}</c> substitution,
/// and <c>$SSEARCH_PARAMS</c> (JSON).
/// </summary>
/// <param name="Command">The command, run by <c>/bin/sh -c</c>; <c>{name}</c> placeholders are replaced by shell-quoted parameter values.</param>
/// <param name="Prefix">Prefix of appended parameter arguments (<c>--</c> default; empty for Hydra).</param>
/// <param name="AppendArguments">Append every parameter as <c>{prefix}{name}={value}</c>; by default only when the command has no <c>{name}</c> placeholder.</param>
public sealed record ObjectiveSpec(string Command, string Prefix = "--", bool? AppendArguments = null)
{
    /// <summary>The stored form: <c>{"command": …, "prefix": …, "append_arguments": …}</c>.</summary>
    public PyDict ToPython()
    {
        var dict = new PyDict { ["command"] = Command, ["prefix"] = Prefix };
        if (AppendArguments is { } append)
        {
            dict["append_arguments"] = append;
        }

        return dict;
    }

    /// <summary>Reads the stored form; null for anything else (the original stored a Python function reference or None).</summary>
    public static ObjectiveSpec? FromPython(PyValue? value)
    {
        if (value is not PyDict dict || !dict.TryGetValue("command", out var command) || command is not PyStr text)
        {
            return null;
        }

        var prefix = dict.TryGetValue("prefix", out var p) && p is PyStr ps ? ps.Value : "--";
        bool? append = dict.TryGetValue("append_arguments", out var a) && a is PyBool pb ? pb.Value : null;
        return new ObjectiveSpec(text.Value, prefix, append);
    }
}
