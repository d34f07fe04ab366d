using Batch.Core.Decoding;
using Batch.Llama.Tokenization;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// Reads a sampled token's log-probability and the most likely alternatives from the raw logits of its
/// step (the model's distribution, before temperature or top-k/p), as OpenAI's logprobs report them.
/// </summary>
internal sealed class LogProbabilityReader(SafeLlamaModelHandle model)
{
    public TokenLogProbability Read(ReadOnlySpan<float> logits, int token, int top)
    {
        var max = float.NegativeInfinity;
        foreach (var x in logits) max = Math.Max(max, x);
        var sum = 0.0;
        foreach (var x in logits) sum += Math.Exp(x - max);
        var logSum = (float)(max + Math.Log(sum));
        var alternatives = new List<TokenAlternative>(top);
        foreach (var (id, logit) in Largest(logits, top))
            alternatives.Add(new TokenAlternative(id, Bytes(id), logit - logSum));
        return new TokenLogProbability(token, Bytes(token), logits[token] - logSum, alternatives);
    }

    // The n largest logits, best first: a small min-heap over one pass of the vocabulary.
    private static IEnumerable<(int Token, float Logit)> Largest(ReadOnlySpan<float> logits, int n)
    {
        if (n <= 0) return [];
        var heap = new PriorityQueue<int, float>(n + 1);
        for (var i = 0; i < logits.Length; i++)
        {
            if (heap.Count < n) heap.Enqueue(i, logits[i]);
            else if (logits[i] > logits[heap.Peek()]) heap.EnqueueDequeue(i, logits[i]);
        }
        var result = new (int, float)[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            var id = heap.Dequeue();
            result[i] = (id, logits[id]);
        }
        return result;
    }

    private byte[] Bytes(int token)
    {
        Span<byte> buffer = stackalloc byte[TokenBytes.StackBufferLength];
        return TokenBytes.Get(model, token, buffer).ToArray();
    }
}
