using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SlurmSearch.TestUtilities;

namespace SlurmSearch.Sessions.Tests.Sweeps.Plan;

/// <summary>Properties checked against real oracles: Python's itertools.product for the sweep order, bash for the shell words of values.</summary>
public sealed class PlanPropertyTests : IDisposable
{
    private static readonly FsCheck.Config Few = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(25);

    private readonly SweepWorkspace _work = new();

    public PlanPropertyTests() => _work.Write("t.py", "");

    [Fact]
    public void Plan_NemoGrid_OrderIsItertoolsProduct()
    {
        var token = Gen.Elements("1e-6", "0.01", "true", "abc", "x-1", "2", "-3");
        var lists = Gen.ListOf(Gen.NonEmptyListOf(token).Select(l => l.Take(3).ToList())).Select(l => l.Take(4).ToList()).Where(l => l.Count > 0);
        Check.One(Few, Prop.ForAll(lists.ToArbitrary(), parameters =>
        {
            var yaml = new StringBuilder("script_path: t.py\n");
            for (var p = 0; p < parameters.Count; p++)
            {
                yaml.Append($"p{p}: [{string.Join(", ", parameters[p])}]\n");
            }

            _work.Write("s.yaml", yaml.ToString());
            var planned = _work.Plan("s.yaml").Runs.Select(r => string.Join(" ", r.Parameters.Select(x => x.Value)));
            var oracle = Python.Check(
                "import itertools, json, sys\nfor c in itertools.product(*json.loads(sys.argv[1])): print(' '.join(c))",
                [System.Text.Json.JsonSerializer.Serialize(parameters)]);
            return planned.SequenceEqual(oracle.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }));
    }

    [Fact]
    public void Plan_ArbitraryValues_BashReadsBackExactlyTheParameterWord()
    {
        var chars = Gen.Elements("a", "Z", "0", " ", "\"", "'", "\\", "`", ";", "&", "|", "<", ">", "(", ")", "*", "?", "[", "]", "{", "}", ",", "~", "#", "!", "=", "\t", "é", "\n");
        var text = Gen.ListOf(chars).Select(cs => string.Concat(cs.Take(12)));
        Check.One(Few, Prop.ForAll(Gen.NonEmptyListOf(text).Select(l => l.Take(5).Distinct().ToList()).ToArbitrary(), values =>
        {
            var quoted = values.Select(v => "\"" + v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"");
            _work.Write("w.sweep", $"run w {{ experiment e {{ command = \"printf '%s\\\\0'\" grid {{ v: [{string.Join(", ", quoted)}] }} }} }}");
            var plan = _work.Plan("w.sweep");
            var words = Bash(string.Join("\n", plan.Runs.Select(r => r.Command)));
            // Each run prints its words: --v=VALUE, --experiment=NAME, --train_dir=DIR.
            var printed = words.Chunk(3).Select(c => c[0]).ToList();
            return printed.SequenceEqual(values.Select(v => "--v=" + v));
        }));
    }

    public void Dispose() => _work.Dispose();

    private static string[] Bash(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        using var bash = Process.Start(start)!;
        bash.StandardInput.Write(script);
        bash.StandardInput.Close();
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        return output.Split('\0', StringSplitOptions.None)[..^1];
    }
}
