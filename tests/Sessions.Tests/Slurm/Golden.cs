using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Slurm;

/// <summary>Compares text with a golden file under tests/Sessions.Tests/Slurm/Golden; SSEARCH_UPDATE_GOLDEN=1 rewrites it.</summary>
internal static class Golden
{
    public static string PathOf(string name) => Repository.PathOf("tests", "Sessions.Tests", "Slurm", "Golden", name);

    public static void AssertMatches(string name, string actual)
    {
        var path = PathOf(name);
        if (Environment.GetEnvironmentVariable("SSEARCH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing (run with SSEARCH_UPDATE_GOLDEN=1 to create it)");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
