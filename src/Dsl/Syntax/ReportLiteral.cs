using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Syntax;

/// <summary>A literal string, number or boolean in a report call (a title, a label, a count).</summary>
/// <param name="Value">A <see cref="PyStr"/>, <see cref="PyInt"/>, <see cref="PyFloat"/> or <see cref="PyBool"/>.</param>
/// <param name="Position">Where the literal was written.</param>
public sealed record ReportLiteral(PyValue Value, SourcePosition Position = default) : ReportValue(Position);
