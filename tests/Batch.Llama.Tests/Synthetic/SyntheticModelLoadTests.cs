using Batch.Testing;
using LLama;
using LLama.Native;

namespace Batch.Llama.Tests.Synthetic;

public sealed class SyntheticModelLoadTests
{
    [Fact]
    public void TinyModel_LoadsWithTheExpectedVocabulary()
    {
        using var weights = TinyModel.LoadWeights();

        Assert.Equal(TinyModel.Preset.VocabularySize, weights.Vocab.Count);
        Assert.Equal(LLamaVocabType.BytePairEncoding, weights.Vocab.Type);
        Assert.Equal(0, (int?)weights.Vocab.BOS);
        Assert.Equal(0, (int?)weights.Vocab.EOS);
        Assert.Equal(2, (int?)weights.Vocab.EOT);
        Assert.True(weights.Vocab.ShouldAddBOS);
        Assert.Equal(TinyModel.Preset.ContextLength, weights.ContextSize);
    }

    [Fact]
    public void TinyModel_ChatTemplate_IsAppliedByLlamaCppAsChatMl()
    {
        using var weights = TinyModel.LoadWeights();
        var template = new LLamaTemplate(weights, strict: true) { AddAssistant = true };
        template.Add("user", "hi");

        var prompt = System.Text.Encoding.UTF8.GetString(template.Apply());

        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void TinyModel_DecodesOneBatchOfTwoSequencesWithSpreadOutLogits()
    {
        using var weights = TinyModel.LoadWeights();
        using var context = weights.CreateContext(TinyModel.Parameters());
        var prompt = weights.Tokenize("The quick brown fox jumps over the lazy dog.", true, false, System.Text.Encoding.UTF8);
        var batch = new LLamaBatch();
        var lastIndices = new int[2];
        for (var sequence = 0; sequence < 2; sequence++)
        {
            var tokens = sequence == 0 ? prompt : prompt[..^2];
            for (var i = 0; i < tokens.Length; i++)
            {
                lastIndices[sequence] = batch.Add(tokens[i], i, (LLamaSeqId)sequence, i == tokens.Length - 1);
            }
        }

        Assert.Equal(DecodeResult.Ok, context.Decode(batch));

        var first = context.NativeHandle.GetLogitsIth(lastIndices[0]).ToArray();
        var second = context.NativeHandle.GetLogitsIth(lastIndices[1]).ToArray();
        Assert.Equal(TinyModel.Preset.VocabularySize, first.Length);
        Assert.All(first, value => Assert.True(float.IsFinite(value)));
        Assert.NotEqual(first, second);
        var (std, gap) = Spread(first);
        Assert.InRange(std, 1.0, 10.0);
        Assert.True(gap > 1e-3, $"top-2 logit gap {gap} is a near tie");
    }

    private static (double Std, double TopGap) Spread(float[] logits)
    {
        var mean = logits.Average();
        var std = Math.Sqrt(logits.Average(v => (v - mean) * (v - mean)));
        var sorted = logits.OrderDescending().ToArray();
        return (std, sorted[0] - sorted[1]);
    }
}
