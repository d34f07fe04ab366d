using LLama;
using LLama.Native;

namespace Batch.Testing;

/// <summary>
/// The single-sequence reference (engine.md §6): feed one prompt alone, then force the tokens a
/// batched run chose, checking each was within <c>tolerance</c> of the best logit at its step.
/// Batched outputs are not bit-identical, so string equality would be the wrong test.
/// </summary>
public sealed class TeacherForcingReference(LLamaWeights weights)
{
    public IReadOnlyList<string> Check(int[] prompt, IReadOnlyList<int> chosen, float tolerance)
    {
        var problems = new List<string>();
        using var context = ReferenceContext.Create(weights, 512);
        var batch = new LLamaBatch();
        for (var i = 0; i < prompt.Length; i++) batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
        Decode(context, batch);
        var position = prompt.Length;
        for (var step = 0; step < chosen.Count; step++)
        {
            var logits = context.GetLogitsIth(batch.TokenCount - 1);
            var best = float.NegativeInfinity;
            foreach (var l in logits) best = Math.Max(best, l);
            var got = logits[chosen[step]];
            if (got < best - tolerance) problems.Add($"step {step}: token {chosen[step]} logit {got:0.000} vs best {best:0.000}");
            batch.Clear();
            batch.Add(chosen[step], position++, LLamaSeqId.Zero, true);
            Decode(context, batch);
        }
        return problems;
    }

    private static void Decode(SafeLLamaContextHandle context, LLamaBatch batch)
    {
        var status = context.Decode(batch);
        if (status != DecodeResult.Ok) throw new InvalidOperationException($"reference decode failed: {status}");
    }
}
