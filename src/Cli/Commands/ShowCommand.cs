using System.CommandLine;
using SlurmSearch.Cli.Sessions;
using SlurmSearch.Store.Values;

namespace SlurmSearch.Cli.Commands;

/// <summary><c>ssearch show SESSION [KEY]</c>: the summary (loss distribution, best and worst settings), or one field of the state.</summary>
public static class ShowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build(CliContext context)
    {
        var session = new Argument<string>("SESSION") { Description = "Session (a bare name means slurm:NAME)" };
        var field = new Argument<string?>("KEY") { Description = "Print only this field of the state (e.g. algo, max_evals, trials)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON: {status, trials: [{tid, status, loss, params}], best, …}" };
        var top = new Option<int>("--top") { Description = "How many best trials to list", DefaultValueFactory = _ => 5 };
        var show = new Command("show", "Show a session: progress, loss distribution, best and worst settings") { session, field, json, top };
        show.SetAction(parse =>
        {
            using var store = context.OpenStore();
            var opened = SessionSupport.Open(store, parse.GetValue(session)!);
            if (parse.GetValue(field) is { } name)
            {
                var state = (PyDict)store.Read(opened.Key);
                if (!state.TryGetValue(name, out var value))
                {
                    throw Sessions_Missing(opened.Key.ToString(), name, state);
                }

                context.Output.WriteLine(parse.GetValue(json) ? PyJson.Serialize(value, indented: true) : PyRepr.Format(value));
                return 0;
            }

            if (SweepSupport.IsSweep(opened.Key))
            {
                return SweepSupport.Show(context, store, opened.Key, parse.GetValue(json));
            }

            var view = opened.View();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(SessionPrinter.Json(view));
                return 0;
            }

            SessionPrinter.Summary(context.Output, view);
            SessionPrinter.Top(context.Output, view, parse.GetValue(top));
            return 0;
        });
        return show;
    }

    private static SlurmSearch.Sessions.SessionException Sessions_Missing(string key, string name, PyDict state) =>
        SlurmSearch.Sessions.SessionException.Because($"{key} has no field '{name}' (fields: {string.Join(", ", state.Keys.Select(k => k is PyStr s ? s.Value : k.ToString()))})");
}
