using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Store;

namespace SlurmSearch.Store.Tests.Store;

public sealed class StateKeyTests
{
    [Theory]
    [InlineData("slurm:my_session", "slurm", "my_session")]
    [InlineData("exp:hp tuning 2", "exp", "hp tuning 2")]
    [InlineData("sampling:exp.abc.0", "sampling", "exp.abc.0")]
    public void Parse_ValidKey_SplitsTypeAndName(string text, string type, string name)
    {
        var key = StateKey.Parse(text);
        Assert.Equal((type, name), (key.Type, key.Name));
        Assert.Equal(text, key.ToString());
    }

    [Theory]
    [InlineData("noColon")]
    [InlineData(":name")]
    [InlineData("slurm:")]
    [InlineData("slurm:../etc")]
    [InlineData("slurm:a/b")]
    [InlineData("slurm:.hidden")]
    [InlineData("slu/rm:x")]
    [InlineData("slurm:a:b")]
    [InlineData("slurm:a\0b")]
    public void Parse_BadKey_ThrowsNamingIt(string text)
    {
        var error = Assert.Throws<InvalidStateKeyException>(() => StateKey.Parse(text));
        Assert.StartsWith("invalid key", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void ParseWithDefaultType_BareName_IsSlurmKey() =>
        Assert.Equal("slurm:abc", StateKey.ParseWithDefaultType("abc", "slurm").ToString());

    [Fact]
    public void Parse_AnyAcceptedKey_StaysInsideTheHome()
    {
        var home = Path.GetFullPath("/tmp/home-root");
        Check.QuickThrowOnFailure(Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), ArbMap.Default.ArbFor<NonNull<string>>(), (type, name) =>
        {
            if (!StateKey.TryParse($"{type.Get}:{name.Get}", out var key))
            {
                return true;
            }

            var dir = Path.GetFullPath(Path.Combine(home, key.Type, key.Name));
            return dir.StartsWith(home + "/", StringComparison.Ordinal) && Path.GetDirectoryName(Path.GetDirectoryName(dir)) == home;
        }));
    }
}
