namespace SlurmSearch.Sessions;

/// <summary>Human-friendly names as the original's <c>random_phrase</c>: adjective_adjective_adjective_noun.</summary>
public static class RandomPhrase
{
    private static readonly string[] Adjectives =
    [
        "agile", "amber", "ancient", "arctic", "azure", "bold", "brave", "breezy", "bright", "brisk", "calm", "clever", "cosmic",
        "crimson", "curious", "dapper", "daring", "dusty", "eager", "early", "electric", "elegant", "fancy", "fearless", "fluffy",
        "frosty", "gentle", "gilded", "glassy", "golden", "graceful", "happy", "hidden", "humble", "icy", "jolly", "keen", "kind",
        "lively", "lucky", "lunar", "mellow", "merry", "misty", "modest", "nimble", "noble", "odd", "patient", "plucky", "polite",
        "proud", "quick", "quiet", "rapid", "rosy", "rustic", "scarlet", "shiny", "silent", "silver", "sleepy", "snowy", "solar",
        "spry", "steady", "stormy", "sunny", "swift", "tidy", "tiny", "vivid", "wandering", "witty", "young", "zesty",
    ];

    private static readonly string[] Nouns =
    [
        "badger", "beacon", "bison", "breeze", "canyon", "cedar", "comet", "crane", "delta", "dolphin", "falcon", "fern", "fjord",
        "forest", "fox", "galaxy", "glacier", "harbor", "hawk", "heron", "island", "jaguar", "koala", "lagoon", "lantern", "lynx",
        "maple", "meadow", "meteor", "moose", "nebula", "oasis", "otter", "owl", "panda", "pebble", "pine", "planet", "prairie",
        "quasar", "raven", "reef", "river", "robin", "salmon", "sparrow", "spruce", "summit", "tiger", "tundra", "valley", "walrus",
        "willow", "wolf", "zebra",
    ];

    /// <summary>A phrase drawn with <paramref name="random"/>.</summary>
    public static string Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return $"{Adjectives[random.Next(Adjectives.Length)]}_{Adjectives[random.Next(Adjectives.Length)]}_{Adjectives[random.Next(Adjectives.Length)]}_{Nouns[random.Next(Nouns.Length)]}";
    }

    /// <summary>A phrase for which <paramref name="taken"/> is false (gives up after many tries with a numbered suffix).</summary>
    public static string Unused(Random random, Func<string, bool> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var phrase = Next(random);
            if (!taken(phrase))
            {
                return phrase;
            }
        }

        var basePhrase = Next(random);
        var n = 2;
        while (taken($"{basePhrase}_{n}"))
        {
            n++;
        }

        return $"{basePhrase}_{n}";
    }
}
