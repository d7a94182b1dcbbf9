using SlurmSearch.Search.Grid;

namespace SlurmSearch.Search.Tests.Grid;

public sealed class HydraValuesTests
{
    [Fact]
    public void Parse_CommaList_TypesEachValueAsHydraDoes()
    {
        var values = HydraValues.Parse("""1, 2.5, 1e-3, 1_000, -3, true, False, null, inf, adam, 'a,b', "c d", ${x}""");

        Assert.Equal(new object?[] { 1L, 2.5, 1e-3, 1000L, -3L, true, false, null, double.PositiveInfinity, "adam", "a,b", "c d", "${x}" }, values);
    }

    [Fact]
    public void Parse_Choice_IsTheSameAsACommaList()
    {
        Assert.Equal(HydraValues.Parse("mysql,postgresql"), HydraValues.Parse("choice(mysql, postgresql)"));
    }

    [Theory]
    [InlineData("range(1,10)", new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData("range(0, 10, 3)", new double[] { 0, 3, 6, 9 })]
    [InlineData("range(5, 0, -2)", new double[] { 5, 3, 1 })]
    [InlineData("range(3)", new double[] { 0, 1, 2 })]
    [InlineData("range(start=2, stop=4)", new double[] { 2, 3 })]
    public void Parse_IntegerRange_StopsBeforeStopAndKeepsIntegers(string text, double[] expected)
    {
        var values = HydraValues.Parse(text);

        Assert.All(values, v => Assert.IsType<long>(v));
        Assert.Equal(expected, values.Select(v => (double)(long)v!));
    }

    [Fact]
    public void Parse_FloatRange_ComputesStartPlusIStep()
    {
        var values = HydraValues.Parse("range(0, 1, 0.1)");

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (object?)(i * 0.1)), values);
        Assert.Equal(new object?[] { 0.5, 1.5, 2.5 }, HydraValues.Parse("range(0.5, 3)"));
    }

    [Theory]
    [InlineData("a,,b", "sweep values of 'lr' have an empty item")]
    [InlineData("", "sweep values of 'lr' have an empty item")]
    [InlineData("'open,b", "sweep values of 'lr' have an unterminated quote")]
    [InlineData("range(1, 1)", "range of 'lr' is empty")]
    [InlineData("range(0, 1, 0)", "range of 'lr' needs finite numbers and a non-zero step")]
    [InlineData("range(a, 3)", "range of 'lr' needs numbers")]
    [InlineData("range(1, 2, 3, 4)", "range of 'lr' takes start, stop and an optional step")]
    [InlineData("range(0, 100000000)", "range of 'lr' has more than 10000000 values")]
    public void Parse_BadLists_ThrowNamingTheParameter(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => HydraValues.Parse(text, "lr"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
