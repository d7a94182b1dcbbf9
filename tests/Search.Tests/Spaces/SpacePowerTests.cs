using SlurmSearch.Search.Spaces;

namespace SlurmSearch.Search.Tests.Spaces;

public sealed class SpacePowerTests
{
    [Theory]
    [InlineData("quniform(0, 2 ** 31, 1)", 2147483648.0)]
    [InlineData("quniform(0, -2 ** 2 + 8, 1)", 4.0)]
    [InlineData("quniform(0, 2 ** 3 ** 2, 1)", 512.0)]
    [InlineData("quniform(0, 4 ** 0.5, 1)", 2.0)]
    public void Parse_Power_FollowsPythonPrecedence(string text, double high)
    {
        var space = StructuredSpace.Parse("{x: " + text + "}");

        var parameter = Assert.IsType<ParameterNode>(((DictNode)space.Root).Entries[0].Value);
        Assert.Equal(high, Assert.IsType<UniformDistribution>(parameter.Distribution).High);
    }

    [Fact]
    public void Parse_IntegerPowerOverflow_IsAPositionedError()
    {
        var error = Assert.Throws<SlurmSearch.Search.Spaces.Syntax.SpaceParseException>(() => StructuredSpace.Parse("{x: quniform(0, 2 ** 64, 1)}"));

        Assert.Equal("integer arithmetic overflows 64 bits", error.Errors[0].Message);
        Assert.Equal(17, error.Column);
    }
}
