using Batch.Core.Decoding;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Batch.Llama.Decoding;
using Batch.Llama.Tokenization;
using Batch.Testing;
using LLama;

namespace Batch.Llama.Tests.Decoding;

/// <summary>The real LLamaSharp decoder under the real scheduler, on the generated tiny model.</summary>
public sealed class LlamaDecoderTests : IDisposable
{
    private const float Tolerance = 0.1f;
    private readonly LLamaWeights _weights = TinyModel.LoadWeights(2048);
    private readonly LlamaTokenizer _tokenizer;

    public LlamaDecoderTests() => _tokenizer = new LlamaTokenizer(_weights);

    public void Dispose() => _weights.Dispose();

    [Fact]
    public void BatchedRows_AgreeWithSingleRowReference_ByTeacherForcing()
    {
        var requests = Prompts(16, seed: 3).Select((p, i) => Request($"r{i}", p, maxTokens: 12 + i % 5)).ToList();
        using var decoder = CreateDecoder(slots: 8, slotTokens: 512, batchTokens: 64);

        var run = DecodeLoop.Execute(decoder, _tokenizer, requests, maxSequences: 8, maxBatchTokens: 64);

        Assert.True(run.MaxSequencesPerStep >= 6, $"expected wide batches, got at most {run.MaxSequencesPerStep}");
        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
        {
            var chosen = run.Tokens[request.Id.Value];
            Assert.Equal(request.MaxTokens, chosen.Count);
            Assert.Empty(reference.Check(request.PromptTokens, chosen, Tolerance));
        }
    }

    [Fact]
    public void SharedPrefix_ComputedOnceAndKeptInSlots_AgreesWithSingleRowReference()
    {
        const string instructions = "You are a careful assistant. Read the passage and write a short review of it, "
            + "naming the topic, the tone and the people in it, in the same order as these rules. Passage: ";
        var requests = Prompts(20, seed: 23, maxWords: 40).Select((p, i) => Request($"x{i}", instructions + p, maxTokens: 10 + i % 4)).ToList();
        using var decoder = CreateDecoder(slots: 5, slotTokens: 512, batchTokens: 128);   // 4 rows + the template slot

        var run = DecodeLoop.Execute(decoder, _tokenizer, requests, maxSequences: 4, maxBatchTokens: 128, sharePrefix: true);

        Assert.True(run.Prefix.Tokens.Length >= 20, $"prefix of {run.Prefix.Tokens.Length} tokens");
        Assert.Equal(1, run.Prefix.ComputeCount);
        Assert.Equal(4, run.Prefix.CopyCount);   // one copy per slot; later rows find the prefix kept in their slot
        Assert.Equal(20L * run.Prefix.Tokens.Length, run.Prefix.HitTokens);
        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
            Assert.Empty(reference.Check(request.PromptTokens, run.Tokens[request.Id.Value], Tolerance));
    }

    [Fact]
    public void UnifiedPool_WithSharedPrefixCellsAndPreemption_AgreesWithSingleRowReference()
    {
        const string instructions = "Read the passage below and answer in one short line, naming its topic and its tone. Passage: ";
        var requests = Prompts(12, seed: 31, maxWords: 30).Select((p, i) => Request($"u{i}", instructions + p, maxTokens: 24)).ToList();
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(5, 512, 128, 2, UnifiedPoolTokens: 512), out var created, out var error), error);
        using var decoder = created!;
        Assert.False(decoder.Info.SlotsAreStreams);   // one pool: gaps between slots cost nothing, so no moves

        // 512 cells for 4 rows of up to ~150 tokens: only because the prefix cells are shared does this mostly fit,
        // and growing rows still preempt each other now and then.
        var run = DecodeLoop.Execute(decoder, _tokenizer, requests, maxSequences: 4, maxBatchTokens: 128, sharePrefix: true, unified: true);

        Assert.Equal(requests.Count, run.Completions.Count);
        Assert.Equal(1, run.Prefix.ComputeCount);
        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
            Assert.Empty(reference.Check(request.PromptTokens, run.Tokens[request.Id.Value], Tolerance));
    }

    [Fact]
    public void DirectDecode_ResolvesAndAgreesWithLLamaSharpsLockedDecode()
    {
        Assert.True(DirectDecode.TryResolve(out _));
        var requests = Prompts(4, seed: 37).Select((p, i) => Request($"d{i}", p, maxTokens: 8)).ToList();
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(4, 512, 128, 2, LockedDecode: true), out var locked, out var error), error);
        using var lockedDecoder = locked!;
        using var direct = CreateDecoder(slots: 4, slotTokens: 512, batchTokens: 128);

        var viaLock = DecodeLoop.Execute(lockedDecoder, _tokenizer, requests, 4, 128);
        var viaPointer = DecodeLoop.Execute(direct, _tokenizer, requests, 4, 128);

        foreach (var request in requests)
            Assert.Equal(viaLock.Tokens[request.Id.Value], viaPointer.Tokens[request.Id.Value]);
    }

    [Theory]
    [InlineData("q8_0", KvStateTypes.Q8_0, KvStateTypes.Q8_0)]
    [InlineData("q4_0/f16", KvStateTypes.Q4_0, KvStateTypes.F16)]
    [InlineData("f16/q8_0", KvStateTypes.F16, KvStateTypes.Q8_0)]
    public void QuantizedKvCache_HoldsItsTypes_AndAgreesWithF16Reference(string cacheType, int keyType, int valueType)
    {
        Assert.True(KvCacheTypes.TryParse(cacheType, out var types));
        var requests = Prompts(6, seed: 29).Select((p, i) => Request($"q{i}", p, maxTokens: 8)).ToList();
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(6, 512, 128, 2, types), out var decoder, out var error), error);
        using var quantized = decoder!;
        var held = new List<(int[] Keys, int[] Values)>();
        var run = DecodeLoop.Execute(quantized, _tokenizer, requests, maxSequences: 6, maxBatchTokens: 128,
            afterDecode: () => held.Add(KvStateTypes.Read(quantized.SlotState(0))));

        // The slot's own rows say which types llama.cpp allocated for keys and for values.
        var (keys, values) = held.First(h => h.Keys.Length > 0);
        Assert.All(keys, k => Assert.Equal(keyType, k));
        Assert.All(values, v => Assert.Equal(valueType, v));
        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
            Assert.Empty(reference.Check(request.PromptTokens, run.Tokens[request.Id.Value], Tolerance));
    }

    [Theory]
    [InlineData("q8_0", KvStateTypes.Q8_0, KvStateTypes.Q8_0)]
    [InlineData("q8_0/f16", KvStateTypes.Q8_0, KvStateTypes.F16)]
    public void F16Prefill_PromptsMovedIntoQuantizedSlots_AgreeWithF16Reference(string cacheType, int keyType, int valueType)
    {
        Assert.True(KvCacheTypes.TryParse(cacheType, out var types));
        // 64-token steps: longer prompts start in the f16 context and finish in their quantized slot.
        var requests = Prompts(8, seed: 31).Select((p, i) => Request($"h{i}", p, maxTokens: 8)).ToList();
        Assert.Contains(requests, r => r.PromptTokens.Length > 64);
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(8, 512, 64, 2, types, F16Prefill: true), out var decoder, out var error), error);
        using var hybrid = decoder!;
        Assert.True(hybrid.Info.F16PrefillCells > 0);
        var held = new List<(int[] Keys, int[] Values)>();
        var run = DecodeLoop.Execute(hybrid, _tokenizer, requests, maxSequences: 8, maxBatchTokens: 64,
            afterDecode: () => held.Add(KvStateTypes.Read(hybrid.SlotState(0))));
        var (keys, values) = held.First(h => h.Keys.Length > 0);
        Assert.All(keys, k => Assert.Equal(keyType, k));
        Assert.All(values, v => Assert.Equal(valueType, v));
        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
        {
            Assert.Equal(request.MaxTokens, run.Tokens[request.Id.Value].Count);
            Assert.Empty(reference.Check(request.PromptTokens, run.Tokens[request.Id.Value], Tolerance));
        }
    }

    [Fact]
    public void TeacherForcing_CatchesTokensTheModelWouldNotChoose()
    {
        // The check itself must be able to fail: the worst token at each step is far from the best.
        var request = Request("r", Prompts(1, seed: 5)[0], maxTokens: 4);
        var worst = Enumerable.Repeat(1, 4).ToList();   // byte token 1: a control character, never near the top
        Assert.NotEmpty(new TeacherForcingReference(_weights).Check(request.PromptTokens, worst, Tolerance));
    }

    [Fact]
    public void TinyPool_PreemptsManyTimes_AndStillAgreesWithReference()
    {
        var requests = Prompts(8, seed: 11, maxWords: 20).Select((p, i) => Request($"p{i}", p, maxTokens: 60)).ToList();
        using var decoder = CreateDecoder(slots: 8, slotTokens: 512, batchTokens: 128);
        var largest = requests.Max(r => r.PromptTokens.Length + r.MaxTokens);
        var run = DecodeLoop.Execute(decoder, _tokenizer, requests, maxSequences: 8, maxBatchTokens: 128,
            blockSize: 16, poolBlocks: (largest + 15) / 16 + 4);

        Assert.True(run.Preemptions >= 3, $"expected preemptions, got {run.Preemptions}");
        Assert.Equal(requests.Count, run.Completions.Count);
        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
            Assert.Empty(reference.Check(request.PromptTokens, run.Tokens[request.Id.Value], Tolerance));
    }

    [Fact]
    public void MaxTokens_EndsWithLength()
    {
        using var decoder = CreateDecoder(slots: 2, slotTokens: 256, batchTokens: 64);
        var run = DecodeLoop.Execute(decoder, _tokenizer, [Request("a", "Hello there, how are you?", maxTokens: 5)], 2, 64);
        var completion = Assert.Single(run.Completions);
        Assert.Equal(FinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.CompletionTokens);
    }

    [Fact]
    public void StopString_EndsTheOutputBeforeIt()
    {
        const string prompt = "The quick brown fox jumps over the lazy dog.";
        using var decoder = CreateDecoder(slots: 2, slotTokens: 256, batchTokens: 64);
        var free = Assert.Single(DecodeLoop.Execute(decoder, _tokenizer, [Request("a", prompt, maxTokens: 30)], 2, 64).Completions);
        Assert.True(free.Text.Length >= 8, $"need some text to cut: '{free.Text}'");
        var stop = free.Text.Substring(free.Text.Length / 2, 2);
        var expected = free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)];

        using var again = CreateDecoder(slots: 2, slotTokens: 256, batchTokens: 64);
        var stopped = Assert.Single(DecodeLoop.Execute(again, _tokenizer, [Request("a", prompt, maxTokens: 30, stop: [stop])], 2, 64).Completions);

        Assert.Equal(FinishReason.Stop, stopped.FinishReason);
        Assert.Equal(expected, stopped.Text);
        Assert.DoesNotContain(stop, stopped.Text);
    }

    [Fact]
    public void PrefixCache_RowsStartingAfterCachedCells_AgreeWithSingleRowReference()
    {
        var heads = Prompts(3, seed: 41, maxWords: 60).Select(p => p + " and then").ToList();
        var tails = Prompts(12, seed: 43, maxWords: 12);
        var requests = tails.Select((t, i) => Request($"c{i}", heads[i % 3] + " " + t, maxTokens: 6 + i % 3)).ToList();
        using var decoder = CreateDecoder(slots: 3, slotTokens: 512, batchTokens: 64);

        var run = DecodeLoop.Execute(decoder, _tokenizer, requests, maxSequences: 3, maxBatchTokens: 64, cacheSlots: true);

        Assert.True(run.CacheHitTokens > 100, $"{run.CacheHitTokens} prompt tokens found cached");
        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
            Assert.Empty(reference.Check(request.PromptTokens, run.Tokens[request.Id.Value], Tolerance));
    }

    [Fact]
    public void CompactedSlots_RowsMovedToOtherStreams_AgreeWithSingleRowReference()
    {
        // Outputs of very different lengths: in the tail rows finish out of slot order and the rest move together.
        var requests = Prompts(10, seed: 53, maxWords: 50).Select((p, i) => Request($"m{i}", p, maxTokens: 4 + (i * 7) % 19) with { IgnoreEos = true }).ToList();
        using var decoder = CreateDecoder(slots: 4, slotTokens: 256, batchTokens: 64);
        Assert.True(decoder.Info.SlotsAreStreams);

        var run = DecodeLoop.Execute(decoder, _tokenizer, requests, maxSequences: 4, maxBatchTokens: 64, cacheSlots: true, compactSlots: true);

        Assert.True(run.Moves > 0, "no row moved");
        var reference = new TeacherForcingReference(_weights);
        foreach (var request in requests)
        {
            var chosen = run.Tokens[request.Id.Value];
            Assert.Equal(request.MaxTokens, chosen.Count);
            Assert.Empty(reference.Check(request.PromptTokens, chosen, Tolerance));
        }
    }

    [Fact]
    public void SeededSampling_DependsOnlyOnTheRow()
    {
        var prompts = Prompts(6, seed: 17);
        GenerationRequest Sampled(int i) => Request($"s{i}", prompts[i], maxTokens: 10) with
        {
            Sampling = new SamplingOptions(0.9f, 40, 0.95f, 0.05f, 1f, RowSeed.Derive(42, new DocumentId($"s{i}"))),
        };
        using var alone = CreateDecoder(slots: 1, slotTokens: 512, batchTokens: 512);
        var single = DecodeLoop.Execute(alone, _tokenizer, [Sampled(3)], 1, 512);
        using var together = CreateDecoder(slots: 6, slotTokens: 512, batchTokens: 512);
        var batched = DecodeLoop.Execute(together, _tokenizer, Enumerable.Range(0, 6).Select(Sampled), 6, 512);

        // Sampling noise across batch shapes is tiny (engine.md §6), so most rows match exactly;
        // at least this row's first token must, since nothing else differs but the neighbours.
        Assert.Equal(single.Tokens["s3"][0], batched.Tokens["s3"][0]);
    }

    private LlamaDecoder CreateDecoder(int slots, int slotTokens, int batchTokens)
    {
        Assert.True(LlamaDecoder.TryCreate(_weights, new LlamaDecoderOptions(slots, slotTokens, batchTokens, 2), out var decoder, out var error), error);
        return decoder!;
    }

    private GenerationRequest Request(string id, string prompt, int maxTokens, IReadOnlyList<string>? stop = null) =>
        new(new DocumentId(id), _tokenizer.Tokenize(prompt, addBos: true), maxTokens, SamplingOptions.Greedy, stop ?? []);

    private static List<string> Prompts(int count, int seed, int maxWords = 120)
    {
        var words = "the river a bakery council telescope night train library trail lighthouse chess harvest festival opened closed announced repaired visitors anniversary noise snowfall maps hours birds light bridge".Split(' ');
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(3, maxWords)).Select(_ => words[random.Next(words.Length)])))
            .ToList();
    }
}
