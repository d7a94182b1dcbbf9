using SlurmSearch.Search.Spaces;
using SlurmSearch.Sessions.Objectives;

namespace SlurmSearch.Sessions;

/// <summary>What a new session is made of; validated by <see cref="SearchSession.Create"/>.</summary>
public sealed record SessionOptions
{
    /// <summary>The space to search.</summary>
    public required StructuredSpace Space { get; init; }

    /// <summary>The sampler: <c>rand</c>, <c>tpe</c> (ours), <c>tpe-hyperopt</c>, <c>grid</c>.</summary>
    public string Algo { get; init; } = "tpe";

    /// <summary>How many results complete the session (for grid: at most the grid's size; 0 = the whole grid).</summary>
    public int MaxEvals { get; init; } = 100;

    /// <summary>Seed of every suggestion (combined with the trial id, so any worker suggests reproducibly).</summary>
    public long Seed { get; init; }

    /// <summary>The command objective, or null for sessions driven by in-process delegates.</summary>
    public ObjectiveSpec? Objective { get; init; }

    /// <summary>How long a claim lasts without renewal; a worker renews at a third of it while the trial runs.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Kill a trial running longer than this (status fail); null = no limit.</summary>
    public TimeSpan? TrialTimeout { get; init; }

    /// <summary>Disable the session after this many failures in a row; null = never.</summary>
    public int? MaxFailures { get; init; }

    /// <summary>Executor settings kept with the session so <c>restart</c> runs it the same way (plain data).</summary>
    public IReadOnlyDictionary<string, object?>? Executor { get; init; }
}
