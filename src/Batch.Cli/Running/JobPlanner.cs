using Batch.Core.Decoding;
using Batch.Core.Jobs;
using Batch.Core.Planning;
using Batch.Llama;
using Batch.Llama.Chat;
using Batch.Llama.Gguf;

namespace Batch.Cli.Running;

/// <summary>
/// Plans a job's memory before any weights load: reads the model's header, tokenizes the rows
/// with a vocabulary-only model to size the slots (rendering chats with the job's chat template), and
/// fits the KV pool into the budget. A job with chats and no usable chat template fails here.
/// </summary>
public static class JobPlanner
{
    /// <summary>The plan, or an error (unreadable model, or a job that cannot fit its budget, saying by how much).</summary>
    public static async Task<(MemoryPlan? Plan, int Context, string? Error)> PlanAsync(
        JobSpec job, IReadOnlyList<string> files, string modelPath, ChatTemplateChoice chat, CancellationToken cancellationToken)
    {
        if (!ModelInspector.TryInspect(modelPath, out var inspection, out var error)) return (null, 0, error);
        var context = job.Model.Context > 0 ? job.Model.Context : inspection.ContextLength;
        if (!LlamaModel.TryLoad(modelPath, 1, out var vocab, out error, vocabOnly: true)) return (null, 0, error);
        int slotTokens, meanTokens;
        long chatRows;
        using (vocab)
        {
            var template = chat.Template is { } t ? new LlamaChatTemplate(vocab!.Weights.NativeHandle, t) : null;
            (slotTokens, meanTokens, chatRows) = await SlotPlanner.MeasureRowsAsync(job, files, vocab!.Tokenizer, template, context, cancellationToken);
        }
        var shape = new ModelShape(inspection.FileSizeBytes, inspection.ContextLength, inspection.EmbeddingLength,
            FeedForward(inspection), inspection.HeadCount, inspection.VocabularySize, inspection.KvCachePerTokenBytes,
            inspection.KeyCachePerTokenBytes);
        var share = job.Kv.PrefixSharing && job.Scheduler.MaxSequences > 1;
        var noChat = chatRows > 0 && !chat.IsAvailable ? $"{chatRows} rows are chats, but {chat.Problem}" : null;
        var plan = MemoryPlanner.Plan(shape, slotTokens, job.Scheduler.MaxSequences, share ? 1 : 0,
            job.Scheduler.MaxBatchTokens, job.Kv.CacheType, job.Kv.MemoryBudgetBytes, job.Kv.Layout == "unified", meanTokens);
        if (plan.Sequences < 1 || !plan.Fits)
        {
            var need = plan.TotalBytes;
            return (plan, context, $"the job does not fit kv.memory_budget {Mib(plan.BudgetBytes ?? 0)}: one sequence needs {Mib(need)} "
                + $"(weights {Mib(plan.WeightsBytes)}, KV {Mib(plan.KvBytes)}, buffers {Mib(plan.ComputeBytes)}), "
                + $"{Mib(need - (plan.BudgetBytes ?? 0))} more than the budget");
        }
        return (plan, context, noChat);
    }

    /// <summary>The plan as `batch plan` prints it.</summary>
    public static string Format(MemoryPlan p, int context, int requestedSequences) => $"""
        weights             {Mib(p.WeightsBytes)}
        KV bytes per token  {p.KvBytesPerToken:N0} B
        slot                {p.SlotTokens:N0} tokens (longest row: prompt + max_tokens; model context {p.ModelContext:N0}, job context {context:N0})
        concurrency         {p.Sequences} sequences{(p.BudgetBytes is null ? "" : $" (asked {requestedSequences})")}
        KV pool             {p.PoolTokens:N0} tokens = {Mib(p.KvBytes)}
        compute buffers     {Mib(p.ComputeBytes)} (estimate)
        total               {Mib(p.TotalBytes)}{(p.BudgetBytes is { } b ? $" of a {Mib(b)} budget" : "")}
        static slots        {Mib(p.StaticFullContextKvBytes)} of KV for {Math.Max(p.Sequences, 1)} slots × the model's {p.ModelContext:N0}-token context at F16 ({(double)p.StaticFullContextKvBytes / Math.Max(1, p.KvBytes):0.0}× this plan)
        """;

    private static int FeedForward(ModelInspection m) => m.EmbeddingLength * 8 / 3;   // the header reader does not keep n_ff; llama's usual ratio

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):N1} MiB";
}
