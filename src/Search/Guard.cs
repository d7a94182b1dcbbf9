namespace SlurmSearch.Search;

/// <summary>Argument guards shared by the search engine; every numeric guard also rejects NaN.</summary>
internal static class Guard
{
    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name} must be a finite number, got {value}", name);
        }
    }

    public static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentException($"{name} must be a finite number > 0, got {value}", name);
        }
    }
}
