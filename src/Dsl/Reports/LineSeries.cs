namespace SlurmSearch.Dsl.Reports;

/// <summary>One line of a <see cref="LineChart"/>, optionally with a shaded band (e.g. an interquartile range).</summary>
internal sealed record LineSeries(string Name, IReadOnlyList<(double X, double Y)> Points, IReadOnlyList<(double X, double Lower, double Upper)>? Band = null);
