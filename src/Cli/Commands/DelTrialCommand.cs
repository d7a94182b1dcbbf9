using System.CommandLine;
using SlurmSearch.Cli.Sessions;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch del_trial SESSION INDEX</c>: delete one trial (by its position in the trial list).</summary>
public static class DelTrialCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SESSION") { Description = "Session (a bare name means slurm:NAME)" };
        var index = new Argument<int>("INDEX") { Description = "Position in the trial list (0-based)" };
        var command = new Command("del_trial", "Delete the trial at INDEX of the trial list") { session, index };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var opened = SessionSupport.Open(store, parse.GetValue(session)!);
            var removed = opened.DeleteTrial(parse.GetValue(index));
            context.Output.WriteLine($"deleted trial {removed["tid"]} (index {parse.GetValue(index)}) of {opened.Key}");
            return 0;
        });
        return command;
    }
}
