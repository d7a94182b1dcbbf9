namespace SlurmSearch.Store;

/// <summary>The kinds of change a transaction records in the journal.</summary>
public enum StateOpKind
{
    /// <summary>Set a dict key or list index at the end of the path.</summary>
    Set,

    /// <summary>Append to the list at the path.</summary>
    Append,

    /// <summary>Delete a dict key or list index at the end of the path.</summary>
    Delete,

    /// <summary>Replace the whole state (empty path).</summary>
    Replace,
}
