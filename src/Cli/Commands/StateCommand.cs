using System.CommandLine;
using System.Text.Json;
using SlurmSearch.Cli.Output;
using SlurmSearch.Store;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch state list|show|export</c>: look at raw stored states.</summary>
public static class StateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var state = new Command("state", "Inspect raw stored states (any key type:name)");
        state.Subcommands.Add(BuildList(context));
        state.Subcommands.Add(BuildShow(context));
        state.Subcommands.Add(BuildExport(context));
        return state;
    }

    private static Command BuildList(CliContext context)
    {
        var type = new Argument<string?>("TYPE") { Description = "Only keys of this type (search, slurm, sampling, exp, sweep, …)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "List stored keys") { type, json };
        list.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var keys = store.List(parse.GetValue(type));
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(keys.Select(k => new { key = k.ToString(), type = k.Type, name = k.Name })));
                return 0;
            }

            var table = new TextTable("key", "type", "name");
            foreach (var key in keys)
            {
                table.Add(key.ToString(), key.Type, key.Name);
            }

            table.Write(context.Output);
            return 0;
        });
        return list;
    }

    private static Command BuildShow(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "The key, type:name" };
        var json = new Option<bool>("--json") { Description = "Print JSON (dicts→objects, tuples→arrays, datetimes→ISO strings, foreign objects→{\"__python__\": …})" };
        var show = new Command("show", "Print a stored state") { key, json };
        show.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var value = store.Read(StateKey.Parse(parse.GetValue(key)!));
            context.Output.WriteLine(parse.GetValue(json) ? PyJson.Serialize(value, indented: true) : PyRepr.Format(value));
            return 0;
        });
        return show;
    }

    private static Command BuildExport(CliContext context)
    {
        var key = new Argument<string>("KEY") { Description = "The key, type:name" };
        var file = new Argument<string>("FILE") { Description = "Where to write one current pickle (protocol 4) that a bare pickle.load reads" };
        var export = new Command("export", "Write the current state as a single plain pickle") { key, file };
        export.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var stateKey = StateKey.Parse(parse.GetValue(key)!);
            var path = Path.GetFullPath(parse.GetValue(file)!);
            store.Export(stateKey, path);
            context.Output.WriteLine($"exported {stateKey} to {path}");
            return 0;
        });
        return export;
    }
}
