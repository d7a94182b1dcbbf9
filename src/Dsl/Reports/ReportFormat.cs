using System.Globalization;

namespace SlurmSearch.Dsl.Reports;

/// <summary>Invariant number formatting for report lines, SVG coordinates and CSV cells.</summary>
internal static class ReportFormat
{
    /// <summary>A number rounded to <paramref name="digits"/> significant digits for people: 481.2, 20.3, 0.00123, 1.5e+20.</summary>
    public static string Significant(double value, int digits)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return "0";
        }

        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (magnitude < -4 || magnitude >= 15)
        {
            return value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        var decimals = Math.Max(0, digits - 1 - magnitude);
        var text = Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero)
            .ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>A number exactly as stored (round-trip), for CSV cells; nan and ±inf spelled as Python and numpy read them.</summary>
    public static string Exact(double value) =>
        double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate: two decimals are far below a pixel.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An integer, invariant.</summary>
    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
