namespace SlurmSearch.Agents.Learning;

/// <summary>Clipping by the global L2 norm over all parameters, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
internal static class GradientClipping
{
    /// <summary>Scales <paramref name="gradients"/> to norm ≤ <paramref name="maxNorm"/>; returns the norm before clipping. 0 disables.</summary>
    public static double ClipByGlobalNorm(Span<double> gradients, double maxNorm)
    {
        var norm = Math.Sqrt(VectorMath.Dot(gradients, gradients));
        if (maxNorm > 0 && norm > maxNorm)
        {
            var factor = maxNorm / (norm + 1e-6);
            foreach (ref var g in gradients)
            {
                g *= factor;
            }
        }

        return norm;
    }
}
