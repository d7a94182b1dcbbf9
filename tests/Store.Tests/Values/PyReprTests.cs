using FsCheck.Fluent;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Tests.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests.Values;

/// <summary><see cref="PyRepr"/> prints what Python's <c>repr</c> prints for the same value.</summary>
public sealed class PyReprTests
{
    [Theory]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e-5, "1.5e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e22, "1e+22")]
    public void FormatFloat_AsPythonRepr(double value, string expected)
    {
        Assert.Equal(expected, PyRepr.FormatFloat(value));
    }

    [Fact]
    public void Format_GeneratedValues_SameAsPythonsRepr()
    {
        var values = Gen.Sample(PyValueGen.Value(foreign: false, pythonOrder: true), 30, 80);

        var python = PickleOracle.Run(
            """
            import json
            f = io.BytesIO(data)
            while f.tell() < len(data):
                print(json.dumps(repr(pickle.load(f))))
            """,
            [.. values.SelectMany(v => PickleWriter.Write(v))]).Split('\n');

        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(python[i] == Json(PyRepr.Format(values[i])), $"Python {python[i]}\nours   {Json(PyRepr.Format(values[i]))}");
        }
    }

    [Fact]
    public void Format_DatetimeFamily_AsPython()
    {
        var tz = new PyOpaque(new PyGlobal("datetime", "timezone"), PyOpaqueKind.Reduce, new PyTuple(new PyTimeDelta(0, 0, 0)));

        Assert.Equal("datetime.datetime(2020, 1, 1, 0, 0, fold=1, tzinfo=<datetime.timezone args=(datetime.timedelta(0),)>)",
            PyRepr.Format(new PyDateTime(new DateTime(2020, 1, 1), tz, fold: true)));
        Assert.Equal("datetime.time(1, 2, 0, 5)", PyRepr.Format(new PyTime(new TimeOnly(1, 2).Add(TimeSpan.FromTicks(50)))));
        Assert.Equal("datetime.timedelta(days=-1, microseconds=3)", PyRepr.Format(new PyTimeDelta(-1, 0, 3)));
    }

    // Python's json.dumps of a str (ASCII only, one \\uXXXX per UTF-16 unit), so both sides compare as plain ASCII.
    private static string Json(string text)
    {
        var b = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' or > '\u007f' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return b.Append('"').ToString();
    }
}
