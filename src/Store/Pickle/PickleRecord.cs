using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Pickle;

/// <summary>One pickle read from a buffer holding several: its value and the byte range it occupied.</summary>
/// <param name="Value">The value.</param>
/// <param name="Start">Offset of its first byte.</param>
/// <param name="End">Offset just past its STOP opcode: where the next pickle starts.</param>
public readonly record struct PickleRecord(PyValue Value, int Start, int End);
