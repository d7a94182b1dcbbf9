namespace SlurmSearch.Agents.Learning;

/// <summary>The parts of one batch's A2C loss (batch means), for diagnostics and gradient checks.</summary>
internal readonly record struct LossBreakdown(double Total, double PolicyGradientLoss, double ValueLoss, double Entropy);
