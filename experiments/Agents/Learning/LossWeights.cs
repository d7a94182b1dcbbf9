namespace SlurmSearch.Agents.Learning;

/// <summary>The coefficients of the A2C loss: policy gradient + value·MSE − entropy·H.</summary>
internal readonly record struct LossWeights(double ValueLossScaling, double EntropyLossScaling);
