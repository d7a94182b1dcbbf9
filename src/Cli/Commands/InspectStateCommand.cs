using System.CommandLine;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch inspect_state SESSION</c>: the whole state as JSON (the original opened a Python prompt instead).</summary>
public static class InspectStateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SESSION") { Description = "Session (a bare name means slurm:NAME)" };
        var command = new Command("inspect_state", "Print the full state as JSON; to explore it in Python, see docs/read_state.py") { session };
        command.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var opened = SessionSupport.Open(store, parse.GetValue(session)!);
            context.Output.WriteLine(PyJson.Serialize(store.Read(opened.Key), indented: true));
            context.Error.WriteLine($"# In Python: exec(open('docs/read_state.py').read()); state = read_state('{store.Root}', '{opened.Key}')");
            return 0;
        });
        return command;
    }
}
