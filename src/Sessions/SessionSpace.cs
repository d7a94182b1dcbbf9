using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions.Compat;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Sessions;

/// <summary>Reads the space stored in a session: our plain-data description, or the original's hyperopt pyll graph (translated).</summary>
public static class SessionSpace
{
    /// <summary>The structured space of a stored <c>space</c> field; throws <see cref="SessionException"/> when it cannot be understood.</summary>
    public static StructuredSpace Read(PyValue stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        try
        {
            return stored is PyDict dict && dict.ContainsKey("type")
                ? StructuredSpace.FromPlainData(PyPlain.FromPy(stored))
                : PyllSpaceTranslator.Translate(stored);
        }
        catch (FormatException e)
        {
            throw SessionException.Because($"the session's space cannot be read: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw SessionException.Because($"the session's space cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The stored form of a space we create.</summary>
    public static PyValue Write(StructuredSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return PyPlain.ToPy(space.ToPlainData());
    }
}
