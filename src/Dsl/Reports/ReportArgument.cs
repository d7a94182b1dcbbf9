using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Reports;

/// <summary>One evaluated argument of a report call: an optional name (<c>label: value</c>) and its value.</summary>
/// <param name="Name">The argument name, or null for a positional argument.</param>
/// <param name="Value">The evaluated value, in the shapes the experiment's measures produce.</param>
public sealed record ReportArgument(string? Name, PyValue Value);
