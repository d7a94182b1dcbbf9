namespace SlurmSearch.Dsl.Syntax;

/// <summary>Where a syntax node was written: a 1-based line and column of its experiment file.</summary>
/// <remarks>
/// Positions are metadata, not structure: any two positions compare equal, so two syntax trees that differ only in where
/// they were written are equal. That is what the print → parse round trip and the evaluator's AST-path bookkeeping need;
/// compare <see cref="Line"/> and <see cref="Column"/> explicitly where the place matters.
/// </remarks>
public readonly struct SourcePosition : IEquatable<SourcePosition>
{
    /// <summary>Creates a position.</summary>
    public SourcePosition(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line (0 for a node built in code).</summary>
    public int Line { get; }

    /// <summary>The 1-based column (0 for a node built in code).</summary>
    public int Column { get; }

    /// <summary>True when the node came from a source text.</summary>
    public bool IsKnown => Line > 0;

    /// <summary>Always true: positions never distinguish syntax nodes (see the type's remarks).</summary>
    public bool Equals(SourcePosition other) => true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SourcePosition;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <summary><c>line:column</c>.</summary>
    public override string ToString() => $"{Line}:{Column}";

    /// <summary>Always true (see <see cref="Equals(SourcePosition)"/>).</summary>
    public static bool operator ==(SourcePosition left, SourcePosition right) => left.Equals(right);

    /// <summary>Always false (see <see cref="Equals(SourcePosition)"/>).</summary>
    public static bool operator !=(SourcePosition left, SourcePosition right) => !left.Equals(right);
}
