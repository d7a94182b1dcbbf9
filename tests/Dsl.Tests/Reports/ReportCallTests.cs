using SlurmSearch.Dsl.Reports;
using SlurmSearch.Store.Pickle;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Dsl.Tests.Reports;

public sealed class ReportCallTests
{
    [Fact]
    public void ListToPyValue_ThroughAPickle_ReadsBackTheSameCalls()
    {
        ReportCall[] calls =
        [
            SomeResults.Call(ReportKinds.Performance, ("trial best", SomeResults.Flat("run_seed", 1, 2)), ("entire space", new PyTuple(3.0, 0.5))),
            SomeResults.Call(ReportKinds.Surface, (null, SomeResults.PointValuesCdf([1, 2], [3, 4])), ("zlabel", "Return")),
        ];

        var stored = PickleReader.Read(PickleWriter.Write(ReportCall.ListToPyValue(calls)));

        Assert.Equal(calls, ReportCall.ListFromPyValue(stored));
    }

    [Fact]
    public void ToPyValue_IsTheDocumentedTupleOfKindAndNamedPairs()
    {
        var call = SomeResults.Call(ReportKinds.Cdfs, ("space", new PyList(1.0)), (null, new PyList(2.0)));

        var expected = new PyTuple("cdfs", new PyList(new PyTuple("space", new PyList(1.0)), new PyTuple(PyNone.Instance, new PyList(2.0))));
        Assert.Equal(expected, call.ToPyValue());
    }

    [Theory]
    [InlineData("not a tuple")]
    [InlineData("bad argument")]
    [InlineData("not a list")]
    public void ListFromPyValue_OtherShapes_AreMalformed(string shape)
    {
        PyValue value = shape switch
        {
            "not a tuple" => new PyList(new PyList("cdfs", new PyList())),
            "bad argument" => new PyList(new PyTuple("cdfs", new PyList(new PyTuple(3, new PyList())))),
            _ => new PyDict(),
        };

        var error = Assert.Throws<ReportException>(() => ReportCall.ListFromPyValue(value));

        Assert.Contains("malformed report call", error.Message, StringComparison.Ordinal);
    }
}
