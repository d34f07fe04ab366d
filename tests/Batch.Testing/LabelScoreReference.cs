using Batch.Core.Decoding;
using LLama;
using LLama.Native;

namespace Batch.Testing;

/// <summary>
/// Scores one label the plain way: a fresh single-sequence context, prompt + label fed alone, the
/// label's tokens' log-softmax summed. What the batched, prompt-sharing engine must agree with.
/// </summary>
public sealed class LabelScoreReference(LLamaWeights weights)
{
    public double Score(int[] prompt, int[] label)
    {
        using var context = ReferenceContext.Create(weights, 2048);
        var batch = new LLamaBatch();
        var tokens = prompt.Concat(label[..^1]).ToArray();
        for (var i = 0; i < tokens.Length; i++) batch.Add(tokens[i], i, LLamaSeqId.Zero, i >= prompt.Length - 1);
        var status = context.Decode(batch);
        if (status != DecodeResult.Ok) throw new InvalidOperationException($"reference decode failed: {status}");
        var sum = 0.0;
        for (var i = 0; i < label.Length; i++)
            sum += LogSoftmax.Of(context.GetLogitsIth(prompt.Length - 1 + i), [label[i]])[0];
        return sum;
    }
}
