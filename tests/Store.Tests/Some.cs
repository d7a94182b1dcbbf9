using SlurmSearch.Store.Values;

namespace SlurmSearch.Store.Tests;

/// <summary>Test data builders: values shaped like the original's session states.</summary>
public static class Some
{
    public static readonly DateTime StartTime = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Unspecified);

    public static PyDict SessionState(int trials) => new()
    {
        ["space"] = new PyList(new PyDict { ["x"] = "uniform(-2, 2)" }),
        ["objective"] = PyNone.Instance,
        ["algo"] = "tpe",
        ["max_evals"] = 40,
        ["trials"] = new PyList(Enumerable.Range(0, trials).Select(i => (PyValue)Trial(i, i * 0.5))),
        ["status"] = "active",
        ["start_time"] = new PyDateTime(StartTime.AddTicks(123456 * TimeSpan.TicksPerMicrosecond)),
    };

    public static PyDict Trial(int tid, double loss, string? note = null)
    {
        var trial = new PyDict
        {
            ["state"] = 1,
            ["tid"] = tid,
            ["result"] = new PyDict { ["loss"] = loss, ["status"] = "ok" },
            ["misc"] = new PyDict
            {
                ["tid"] = tid,
                ["cmd"] = new PyTuple("domain_attachment", "FMinIter_Domain"),
                ["idxs"] = new PyDict { ["x"] = new PyList(tid) },
                ["vals"] = new PyDict { ["x"] = new PyList(loss / 10) },
            },
            ["worker_id"] = PyNone.Instance,
        };
        if (note is not null)
        {
            trial["note"] = note;
        }

        return trial;
    }
}
