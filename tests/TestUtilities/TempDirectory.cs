namespace SlurmSearch.TestUtilities;

/// <summary>A fresh directory under the system temp folder, deleted on dispose; use as a data home (<c>--home</c>).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "ssearch-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS cleans /tmp eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
