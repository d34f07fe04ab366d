using Batch.Core.Decoding;
using LLama;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// The real decoder: one llama.cpp context in the split KV layout (one stream per slot, sized
/// from the job's lengths), one sampler chain per slot. Each <see cref="Decode"/> is one llama_decode
/// call, plus one per fresh prompt when a <see cref="PrefillContext"/> computes prompts in f16.
/// </summary>
public sealed class LlamaDecoder : IDecoder
{
    private readonly LLamaWeights _weights;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly NativeBatch _native;
    private readonly DirectDecode? _direct;
    private readonly SequenceSampler?[] _samplers;
    private readonly List<(SequenceId Sequence, SlotId Slot, int Index)> _logitRows = [];
    private readonly List<(SequenceId Sequence, ScoreRequest Request, int Index)> _scoreRows = [];
    private readonly int?[] _topLogProbabilities;
    private readonly LogProbabilityReader _logProbabilities;
    // The job's grammar, parsed once by llama.cpp and cloned into each sequence's chain.
    private const int MaxGrammars = 32;
    private readonly Dictionary<string, GrammarSampler> _grammars = new(StringComparer.Ordinal);
    private readonly List<StepItem> _prefillItems = [];
    private readonly PrefillContext? _prefill;

    private LlamaDecoder(LLamaWeights weights, SafeLLamaContextHandle context, DecoderInfo info, DirectDecode? direct, PrefillContext? prefill)
    {
        _prefill = prefill;
        _direct = direct;
        _native = new NativeBatch(info.MaxBatchTokens);
        _weights = weights;
        _context = context;
        Info = info;
        _samplers = new SequenceSampler?[info.SlotCount];
        _topLogProbabilities = new int?[info.SlotCount];
        _logProbabilities = new LogProbabilityReader(weights.NativeHandle);
    }

    public DecoderInfo Info { get; }

    /// <summary>Creates the context; a context llama.cpp refuses is an error value, not a crash.</summary>
    public static bool TryCreate(LLamaWeights weights, LlamaDecoderOptions options, out LlamaDecoder? decoder, out string? error)
    {
        decoder = null;
        // The split layout gives each sequence n_ctx / n_seq_max cells, padded to 256 by llama.cpp.
        var slotTokens = NativeContext.RoundUp(options.SlotTokens, 256);
        var p = LLamaContextParams.Default();
        var cells = options.UnifiedPoolTokens is { } pool ? NativeContext.RoundUp(pool, 256) : slotTokens * options.SlotCount;
        p.n_ctx = (uint)cells;
        p.n_batch = (uint)options.MaxBatchTokens;
        p.n_ubatch = (uint)options.MaxBatchTokens;
        p.n_seq_max = (uint)options.SlotCount;
        p.n_threads = options.Threads;
        p.n_threads_batch = options.Threads;
        p.kv_unified = options.UnifiedPoolTokens is not null;
        if (options.KvTypes.IsQuantized)
        {
            // A quantized V cache needs flash attention (without it llama.cpp fails to create the context silently),
            // and quantized keys alone take the same kernel, so one rule covers every quantized pair.
            p.type_k = NativeType(options.KvTypes.Keys);
            p.type_v = NativeType(options.KvTypes.Values);
            p.llama_flash_attn_type = LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_ENABLED;
        }
        p.no_perf = true;
        if (!NativeContext.TryCreate(weights, p, $"a context of {p.n_ctx} cells for {options.SlotCount} sequences", out var context, out error))
            return false;
        PrefillContext? prefill = null;
        if (options.F16Prefill && !p.kv_unified && PrefillContext.Supports(options.KvTypes)
            && !PrefillContext.TryCreate(weights, p, context, options.SlotCount, options.KvTypes, out prefill, out error))
        {
            context.Dispose();
            return false;
        }
        var info = new DecoderInfo(options.SlotCount, Math.Min(slotTokens, cells), options.MaxBatchTokens, cells)
        {
            SlotsAreStreams = !p.kv_unified,
            F16PrefillCells = prefill?.Cells ?? 0,
        };
        var direct = !options.LockedDecode && DirectDecode.TryResolve(out var resolved) ? resolved : null;
        decoder = new LlamaDecoder(weights, context, info, direct, prefill);
        error = null;
        return true;
    }

    private static GGMLType NativeType(KvCacheType type) => type switch
    {
        KvCacheType.Q8_0 => GGMLType.GGML_TYPE_Q8_0,
        KvCacheType.Q4_0 => GGMLType.GGML_TYPE_Q4_0,
        _ => GGMLType.GGML_TYPE_F16,
    };

    public StepResult Decode(StepPlan plan)
    {
        foreach (var trim in plan.Trimmed) Trim(trim);
        foreach (var slot in plan.Released) Release(slot);
        // Split layout: seq_cp between streams copies the whole stream (a partial copy would abort);
        // unified: it only tags the template's cells with the new slot, nothing is copied.
        foreach (var copy in plan.Copies) _context.MemorySequenceCopy((LLamaSeqId)copy.From.Value, (LLamaSeqId)copy.To.Value, -1, -1);
        foreach (var move in plan.Moves) Move(move);
        foreach (var start in plan.Started) Start(start);
        if (!plan.HasWork) return new StepResult(DecodeStatus.Ok, []);

        _batch.Clear();
        _native.Clear();
        _logitRows.Clear();
        _scoreRows.Clear();
        _prefillItems.Clear();
        var batched = 0;
        // In the split layout llama.cpp cuts a batch into ubatches of consecutive sequence ids: tokens
        // in ascending slot order keep it to few ubatches (out of order, 2× slower: engine.md §3).
        foreach (var item in plan.Items.OrderBy(i => i.Slot.Value))
        {
            if (_prefill is not null && _prefill.Accepts(item))
            {
                _prefillItems.Add(item);
                continue;
            }
            batched++;
            var seq = (LLamaSeqId)item.Slot.Value;
            var last = item.Tokens.Length - 1;
            var scoreAt = item.Scores.Count == 0 ? null : item.Scores.ToDictionary(s => s.Offset);
            for (var i = 0; i <= last; i++)
            {
                var wants = item.WantsToken && i == last;
                var score = scoreAt is not null && scoreAt.TryGetValue(i, out var request) ? request : null;
                var index = _direct is not null
                    ? _native.Add(item.Tokens[i], item.StartPosition + i, item.Slot.Value, wants || score is not null)
                    : _batch.Add(item.Tokens[i], item.StartPosition + i, seq, wants || score is not null);
                if (wants) _logitRows.Add((item.Sequence, item.Slot, index));
                if (score is not null) _scoreRows.Add((item.Sequence, score, index));
            }
        }

        var status = batched == 0 ? DecodeResult.Ok : _direct is not null ? _direct.Decode(_context, _native) : _context.Decode(_batch);
        if (status == DecodeResult.NoKvSlot) return StepResult.NoKvSlot;
        if (status != DecodeResult.Ok)
            throw new LlamaDecodeException($"llama_decode failed with {status} on a batch of {plan.TokenCount} tokens");

        var tokens = new List<SampledToken>(_logitRows.Count + _prefillItems.Count);
        foreach (var item in _prefillItems)
        {
            var index = _prefill!.Decode(item);
            if (item.WantsToken) tokens.Add(Sampled(item.Sequence, item.Slot, _prefill.Context, index));
            _prefill.MoveTo(_context, Info.SlotCount, item.Slot.Value);
        }
        foreach (var (sequence, slot, index) in _logitRows) tokens.Add(Sampled(sequence, slot, _context, index));
        return new StepResult(DecodeStatus.Ok, tokens.ToArray()) { Scores = Score() };
    }

    private SampledToken Sampled(SequenceId sequence, SlotId slot, SafeLLamaContextHandle context, int index)
    {
        var token = _samplers[slot.Value]!.Sample(context, index);
        var logProbability = _topLogProbabilities[slot.Value] is { } top
            ? _logProbabilities.Read(context.GetLogitsIth(index), (int)token, top)
            : null;
        return new SampledToken(sequence, (int)token, token.IsEndOfGeneration(_weights.Vocab), logProbability);
    }

    // Log-softmax of the asked tokens at each scored position; the logits are read in place.
    private TokenScores[] Score()
    {
        if (_scoreRows.Count == 0) return [];
        var scores = new TokenScores[_scoreRows.Count];
        for (var i = 0; i < _scoreRows.Count; i++)
        {
            var (sequence, request, index) = _scoreRows[i];
            var logits = _context.GetLogitsIth(index);
            scores[i] = new TokenScores(sequence, request.Offset, LogSoftmax.Of(logits, request.Tokens));
        }
        return scores;
    }

    /// <summary>One slot's serialized KV state: tests read the cache types llama.cpp really used from it.</summary>
    internal byte[] SlotState(int slot) => PrefillContext.Read(_context, (LLamaSeqId)slot);

    public void Dispose()
    {
        foreach (var sampler in _samplers) sampler?.Dispose();
        foreach (var grammar in _grammars.Values) grammar.Dispose();
        _prefill?.Dispose();
        _context.Dispose();
        _native.Dispose();
    }

    private void Release(SlotId slot)
    {
        _context.MemorySequenceRemove((LLamaSeqId)slot.Value, -1, -1);
        _samplers[slot.Value]?.Dispose();
        _samplers[slot.Value] = null;
    }

    private void Trim(SlotTrim trim)
    {
        _context.MemorySequenceRemove((LLamaSeqId)trim.Slot.Value, trim.KeepTokens, -1);
        _samplers[trim.Slot.Value]?.Dispose();
        _samplers[trim.Slot.Value] = null;
    }

    // A whole-stream copy (the only copy between streams llama.cpp allows; its data moves at the next
    // decode, before any token lands), then the source is cleared; the sampler and its state travel along.
    private void Move(SlotMove move)
    {
        _context.MemorySequenceCopy((LLamaSeqId)move.From.Value, (LLamaSeqId)move.To.Value, -1, -1);
        _context.MemorySequenceRemove((LLamaSeqId)move.From.Value, -1, -1);
        _samplers[move.To.Value]?.Dispose();
        _samplers[move.To.Value] = _samplers[move.From.Value];
        _samplers[move.From.Value] = null;
        _topLogProbabilities[move.To.Value] = _topLogProbabilities[move.From.Value];
    }

    private void Start(SlotStart start)
    {
        _samplers[start.Slot.Value]?.Dispose();
        var sampler = SequenceSampler.Create(start.Sampling, GrammarFor(start.Sampling.Grammar));
        foreach (var token in start.History) sampler.Accept((LLamaToken)token);
        _samplers[start.Slot.Value] = sampler;
        _topLogProbabilities[start.Slot.Value] = start.TopLogProbabilities;
    }

    // Grammars parsed by llama.cpp, by text: one per job, or one per distinct response_format in an OpenAI batch.
    private GrammarSampler? GrammarFor(string? gbnf)
    {
        if (gbnf is null) return null;
        if (_grammars.TryGetValue(gbnf, out var cached)) return cached;
        if (_grammars.Count >= MaxGrammars)
        {
            // Sequences hold clones, so dropping the parsed originals is safe; it only costs a re-parse.
            foreach (var g in _grammars.Values) g.Dispose();
            _grammars.Clear();
        }
        // The job loader, BatchRunner and the batch-line parser check every grammar first, so a refusal here is a bug.
        if (!GrammarSampler.TryCreate(_weights, gbnf, out var grammar, out var error)) throw new LlamaDecodeException(error);
        _grammars[gbnf] = grammar;
        return grammar;
    }
}
