using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.Dsl.Parsing;
using SlurmSearch.Dsl.Printing;

namespace SlurmSearch.Dsl.Tests.Printing;

public sealed class SourcePrinterTests
{
    [Fact]
    public void Print_GeneratedDefinition_ParsesBackToAnEqualDefinition() =>
        Check.QuickThrowOnFailure(Prop.ForAll(ExperimentGenerators.Definition().ToArbitrary(), definition =>
        {
            var text = SourcePrinter.Print(definition);
            var parsed = ExperimentParser.Parse(text, definition.Name, "generated.exp");
            Assert.Equal(definition, parsed);
        }));

    [Theory]
    [MemberData(nameof(ShippedExperiments.All), MemberType = typeof(ShippedExperiments))]
    public void Print_ShippedExperiment_ParsesBackToAnEqualDefinition(string name)
    {
        var definition = ShippedExperiments.Load(name);

        var parsed = ExperimentParser.Parse(SourcePrinter.Print(definition), name);

        Assert.Equal(definition, parsed);
    }

    [Fact]
    public void Equals_DefinitionsDifferingInOneMeasure_AreNotEqual()
    {
        var definition = ShippedExperiments.Load("hp_tuning_effects");
        var changed = ExperimentParser.Parse(SourcePrinter.Print(definition).Replace("\"argmin:mean\"", "\"argmin:std\"", StringComparison.Ordinal), "hp_tuning_effects");

        Assert.NotEqual(definition, changed);
    }
}
