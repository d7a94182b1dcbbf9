using System.Globalization;

namespace SlurmSearch.Sessions.Executors;

/// <summary>
/// GPU packing as Sample Factory's <c>experiments_per_gpu</c>: GPUs (ids) × experiments per GPU. Worker <c>i</c> gets the
/// least-busy GPU, i.e. GPUs are dealt round-robin; <c>PerGpu = -1</c> leaves <c>CUDA_VISIBLE_DEVICES</c> unset.
/// </summary>
public sealed record GpuSlots
{
    /// <summary>Creates the slots; throws <see cref="ArgumentException"/> for no GPUs or a per-GPU count of 0 or below −1.</summary>
    public GpuSlots(IReadOnlyList<string> gpus, int perGpu)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        if (gpus.Count == 0 || gpus.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("GPU slots need at least one GPU id", nameof(gpus));
        }

        if (perGpu is 0 or < -1)
        {
            throw new ArgumentException($"experiments per GPU must be ≥ 1 (or -1 to leave CUDA_VISIBLE_DEVICES alone), got {perGpu}", nameof(perGpu));
        }

        Gpus = [.. gpus];
        PerGpu = perGpu;
    }

    /// <summary>The GPU ids.</summary>
    public IReadOnlyList<string> Gpus { get; }

    /// <summary>Experiments per GPU, or −1.</summary>
    public int PerGpu { get; }

    /// <summary>How many workers fit.</summary>
    public int Capacity => PerGpu == -1 ? int.MaxValue : Gpus.Count * PerGpu;

    /// <summary>Parses <c>0,1,3</c>, or a count <c>N</c> meaning 0..N−1.</summary>
    public static GpuSlots Parse(string gpus, int perGpu)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        var ids = int.TryParse(gpus, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && !gpus.Contains(',', StringComparison.Ordinal)
            ? Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList()
            : gpus.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        return new GpuSlots(ids, perGpu);
    }

    /// <summary>The environment of worker <paramref name="index"/>.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(int index) =>
        PerGpu == -1 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = Gpus[index % Gpus.Count] };

    /// <inheritdoc />
    public override string ToString() => $"GPUs {string.Join(",", Gpus)} × {PerGpu}";
}
