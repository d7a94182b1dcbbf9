namespace SlurmSearch.Agents.Learning;

/// <summary>What training did: environment steps, finished episodes (and their mean return), updates.</summary>
internal sealed record TrainingReport(long Frames, long Episodes, long Updates, double LastEpisodesMeanReturn);
