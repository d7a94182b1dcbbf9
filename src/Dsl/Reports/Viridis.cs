using System.Globalization;

namespace SlurmSearch.Dsl.Reports;

/// <summary>The viridis colour map (perceptually uniform, readable in grey and by colour-blind readers), from nine anchors.</summary>
internal static class Viridis
{
    public static readonly IReadOnlyList<string> Anchors =
        ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#fde725"];

    /// <summary>The colour of a fraction in [0, 1] (clamped; NaN is grey), interpolated linearly between anchors.</summary>
    public static string Colour(double fraction)
    {
        if (double.IsNaN(fraction))
        {
            return "#bbbbbb";
        }

        var position = Math.Clamp(fraction, 0, 1) * (Anchors.Count - 1);
        var low = Math.Min((int)Math.Floor(position), Anchors.Count - 2);
        var t = position - low;
        var (r0, g0, b0) = Rgb(Anchors[low]);
        var (r1, g1, b1) = Rgb(Anchors[low + 1]);
        return "#" + Hex(r0 + ((r1 - r0) * t)) + Hex(g0 + ((g1 - g0) * t)) + Hex(b0 + ((b1 - b0) * t));
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static string Hex(double channel) => ((int)Math.Round(channel)).ToString("x2", CultureInfo.InvariantCulture);
}
