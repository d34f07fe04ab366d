namespace Batch.Core.Decoding;

/// <summary>Log-probabilities from raw logits, computed stably (max-shifted, summed in double).</summary>
public static class LogSoftmax
{
    /// <summary>log softmax(<paramref name="logits"/>)[t] for each t in <paramref name="tokens"/>.</summary>
    public static float[] Of(ReadOnlySpan<float> logits, IReadOnlyList<int> tokens)
    {
        var max = float.NegativeInfinity;
        foreach (var x in logits) max = Math.Max(max, x);
        var sum = 0.0;
        foreach (var x in logits) sum += Math.Exp(x - max);
        var logSum = max + Math.Log(sum);
        var result = new float[tokens.Count];
        for (var i = 0; i < tokens.Count; i++) result[i] = (float)(logits[tokens[i]] - logSum);
        return result;
    }

    /// <summary>Softmax over label scores (summed log-probabilities): probabilities that sum to 1.</summary>
    public static double[] Normalize(IReadOnlyList<double> logScores)
    {
        var max = logScores.Max();
        var exps = logScores.Select(s => Math.Exp(s - max)).ToArray();
        var sum = exps.Sum();
        return exps.Select(e => e / sum).ToArray();
    }
}
