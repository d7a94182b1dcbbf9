using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store;

/// <summary>The store's use of the pickle codec: protocol 4 out; errors attributed to the file they came from.</summary>
internal static class PickleCodec
{
    public static byte[] Write(PyValue value) => PickleWriter.Write(value);

    public static PyValue ReadOne(byte[] data, int start, string path, PickleReaderOptions options, out int end)
    {
        try
        {
            return PickleReader.Read(data, start, out end, options);
        }
        catch (StoreCorruptException e)
        {
            throw e.WithPath(path);
        }
        catch (PickleRefusedException e)
        {
            throw e.WithPath(path);
        }
    }

    public static bool IsTruncation(StoreCorruptException exception, long length) => PickleReader.IsTruncation(exception, length);
}
