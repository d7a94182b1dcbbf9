using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Sessions.Slurm;

namespace SlurmSearch.Sessions.Tests.Slurm;

public sealed class SlurmResourcesTests
{
    private static readonly Gen<string?> MaybeText = Gen.OneOf(Gen.Constant<string?>(null), Gen.Elements<string?>("a", "b", "gpu:1", "16G", "1:00:00"));
    private static readonly Gen<int?> MaybeInt = Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 64).Select(i => (int?)i));
    private static readonly Gen<string[]> Names = Gen.SubListOf("n1", "n2", "n3").Select(l => l.ToArray());

    private static readonly Gen<SlurmResources> Resources =
        from partition in MaybeText
        from account in MaybeText
        from time in MaybeText
        from gres in MaybeText
        from cpus in MaybeInt
        from nodes in MaybeInt
        from exclude in Names
        from extra in Names
        select new SlurmResources { Partition = partition, Account = account, Time = time, Gres = gres, CpusPerTask = cpus, Nodes = nodes, Exclude = exclude, Extra = extra };

    [Fact]
    public void Merge_CommandLineOverProfile_CommandLineWinsWhereSet()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Resources.ToArbitrary(), Resources.ToArbitrary(), (profile, cli) =>
        {
            var merged = profile.Merge(cli);
            return merged.Partition == (cli.Partition ?? profile.Partition)
                && merged.Account == (cli.Account ?? profile.Account)
                && merged.Time == (cli.Time ?? profile.Time)
                && merged.Gres == (cli.Gres ?? profile.Gres)
                && merged.CpusPerTask == (cli.CpusPerTask ?? profile.CpusPerTask)
                && merged.Nodes == (cli.Nodes ?? profile.Nodes)
                && merged.Exclude.SequenceEqual(profile.Exclude.Union(cli.Exclude))
                && merged.Extra.SequenceEqual(profile.Extra.Concat(cli.Extra));
        }));
    }

    [Fact]
    public void Merge_WithNone_IsIdentityOnBothSides()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Resources.ToArbitrary(), r =>
            r.Merge(SlurmResources.None).Equals(r) && SlurmResources.None.Merge(r).Equals(r)));
    }

    [Fact]
    public void Merge_Example_PartitionFromCliTimeFromProfile()
    {
        var profile = new SlurmResources { Partition = "gpu", Time = "2:00:00", Exclude = ["bad1"], Setup = ["module load cuda"] };
        var cli = new SlurmResources { Partition = "debug", Exclude = ["bad2"], Setup = ["ulimit -n 4096"] };
        var merged = profile.Merge(cli);
        Assert.Equal("debug", merged.Partition);
        Assert.Equal("2:00:00", merged.Time);
        Assert.Equal(["bad1", "bad2"], merged.Exclude);
        Assert.Equal(["module load cuda", "ulimit -n 4096"], merged.Setup);
    }
}
