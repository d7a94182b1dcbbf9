namespace SlurmSearch.Dsl.Syntax;

/// <summary>Where a sampling node's trials run.</summary>
public enum SamplingMethod
{
    /// <summary><c>inline</c>: in the evaluating process, one trial after another.</summary>
    Inline,

    /// <summary><c>cpu</c>: on local worker processes.</summary>
    Cpu,

    /// <summary><c>slurm</c>: on Slurm array tasks.</summary>
    Slurm,
}
