using SlurmSearch.Sessions.Sweeps;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

public sealed class SweepVariablesTests
{
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["GROUP_ID"] = "G1",
        ["RUN_NAME"] = "r_1",
        ["RUN_DIR"] = "/runs/r_1",
        ["CMD_RANK"] = "3",
    };

    [Theory]
    [InlineData("x --g=$GROUP_ID --n=${RUN_NAME}_b --d=$RUN_DIR/ckpt --r=$CMD_RANK", "x --g=G1 --n=r_1_b --d=/runs/r_1/ckpt --r=3")]
    [InlineData("echo $HOME $SLURM_ARRAY_TASK_ID ${USER} $MASTER_ADDR:29500 $1 $", "echo $HOME $SLURM_ARRAY_TASK_ID ${USER} $MASTER_ADDR:29500 $1 $")]
    [InlineData("echo \\$GROUP_ID and \\$GROUPID", "echo \\$GROUP_ID and \\$GROUPID")]
    [InlineData("a && b || c ${GROUP_ID", "a && b || c ${GROUP_ID")]
    public void Substitute_OursReplacedOthersLeftForTheShell(string text, string expected) =>
        Assert.Equal(expected, SweepVariables.Substitute(text, Values, n => "missing " + n));

    [Theory]
    [InlineData("x $GROUPID", "$GROUPID", "$GROUP_ID")]
    [InlineData("x --name=$RUN_NAEM", "$RUN_NAEM", "$RUN_NAME")]
    [InlineData("x ${SLURMID}", "$SLURMID", "$SLURM_ID")]
    [InlineData("x $DATADIR/x", "$DATADIR", "$DATA_DIR")]
    [InlineData("x $CMD_RANKS", "$CMD_RANKS", "$CMD_RANK")]
    public void Substitute_NearMissOfOurs_ErrorNamesBoth(string text, string typo, string meant)
    {
        var error = Assert.Throws<SweepPlanException>(() => SweepVariables.Substitute(text, Values, n => "missing " + n));

        Assert.Contains($"{typo} in '{text}' looks like a misspelt {meant}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitute_OursWithoutValue_UsesTheMissingReason()
    {
        var error = Assert.Throws<SweepPlanException>(() => SweepVariables.Substitute("x $DATA_DIR", Values, n => "no value for " + n));

        Assert.Equal("no value for DATA_DIR", error.Message);
    }
}
