namespace SlurmSearch.Sessions.Sweeps;

/// <summary>One swept parameter of a NeMo-RL sweep file: its dotted name and its values exactly as written, with the position of the name.</summary>
public sealed record SweepParameter(string Name, IReadOnlyList<string> Values, int Line, int Column);
