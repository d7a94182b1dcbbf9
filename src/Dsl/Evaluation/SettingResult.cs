using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Evaluation;

/// <summary>One evaluated point of a sampling node: the setting of its variable and what the expression gave there (a number or a nested node's measurements).</summary>
/// <param name="Setting">The value of the sampling variable.</param>
/// <param name="Result">The value of the sampled expression at that setting.</param>
public sealed record SettingResult(PyValue Setting, PyValue Result);
