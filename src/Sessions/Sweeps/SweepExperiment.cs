using SlurmSearch.Search.Grid;

namespace SlurmSearch.Sessions.Sweeps;

/// <summary>One experiment of a run description (Sample Factory's <c>Experiment</c>): a name, a base command and a grid of parameters added to it.</summary>
/// <param name="Name">The experiment's base name (first token of its runs' names).</param>
/// <param name="Command">The base command line the parameters are appended to.</param>
/// <param name="Grid">The grid; its values are the text that reaches the command.</param>
/// <param name="Randomize">Whether the grid's combinations run in a shuffled order.</param>
/// <param name="Environment">Variables set for each of the experiment's runs, in file order.</param>
public sealed record SweepExperiment(string Name, string Command, ParamGrid Grid, bool Randomize, IReadOnlyList<KeyValuePair<string, string>> Environment);
