using SlurmSearch.Agents.Learning;

namespace SlurmSearch.Agents.Tests.Learning;

public sealed class MlpTests
{
    [Fact]
    public void Forward_Batch_MatchesNaiveLayerByLayerComputation()
    {
        int[] sizes = [4, 9, 7, 3];
        var parameters = new double[Mlp.CountParameters(sizes) + 5];
        var gradients = new double[parameters.Length];
        var mlp = new Mlp(sizes, parameters, gradients, offset: 5, maxBatch: 6);
        var rng = new Rng(2);
        mlp.Initialize(rng, outputGain: 1.0);
        for (var i = 5; i < parameters.Length; i++)
        {
            parameters[i] += 0.1 * rng.NextGaussian(); // non-zero biases too
        }

        var input = Enumerable.Range(0, 6 * 4).Select(_ => rng.NextUniform(-1, 1)).ToArray();
        var output = mlp.Forward(input, 6).ToArray();

        for (var b = 0; b < 6; b++)
        {
            var x = input.AsSpan(b * 4, 4).ToArray();
            var at = 5;
            for (var l = 0; l < sizes.Length - 1; l++)
            {
                var y = new double[sizes[l + 1]];
                var biasAt = at + (sizes[l] * sizes[l + 1]);
                for (var o = 0; o < y.Length; o++)
                {
                    var z = parameters[biasAt + o];
                    for (var i = 0; i < x.Length; i++)
                    {
                        z += parameters[at + (o * sizes[l]) + i] * x[i];
                    }

                    y[o] = l == sizes.Length - 2 ? z : Math.Tanh(z);
                }

                at = biasAt + sizes[l + 1];
                x = y;
            }

            for (var o = 0; o < 3; o++)
            {
                Assert.Equal(x[o], output[(b * 3) + o], 12);
            }
        }
    }

    [Fact]
    public void Constructor_SliceOutsideSharedArrays_Throws()
    {
        int[] sizes = [4, 3, 2];
        var parameters = new double[Mlp.CountParameters(sizes)];
        Assert.Throws<ArgumentException>(() => new Mlp(sizes, parameters, new double[parameters.Length], offset: 1, maxBatch: 1));
    }

    [Fact]
    public void Forward_BatchAboveMaximum_Throws()
    {
        int[] sizes = [2, 2];
        var parameters = new double[Mlp.CountParameters(sizes)];
        var mlp = new Mlp(sizes, parameters, new double[parameters.Length], 0, maxBatch: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => mlp.Forward(new double[6], 3));
    }
}
