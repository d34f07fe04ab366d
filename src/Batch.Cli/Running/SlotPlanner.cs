using Batch.Core.Jobs;
using Batch.Core.Rows;
using Batch.Core.Summaries;
using Batch.Core.Text;
using Batch.IO.Rows;

namespace Batch.Cli.Running;

/// <summary>
/// Sizes the split KV layout's per-sequence slots from the job's own rows: a batch job knows every
/// prompt before it starts, so each slot needs the longest prompt plus its output, not the model's
/// whole context (llama.cpp's servers reserve the full context per slot). One streamed pass over
/// the input, tokenizing only.
/// </summary>
public static class SlotPlanner
{
    /// <summary>
    /// The tokens one slot needs (at least 1, at most <paramref name="context"/>), the mean row's, and how many
    /// rows are chats (which need a chat template; <paramref name="chat"/> null = none available).
    /// </summary>
    public static async Task<(int Longest, int Mean, long ChatRows)> MeasureRowsAsync(
        JobSpec job, IReadOnlyList<string> files, ITokenizer tokenizer, IChatTemplate? chat, int context, CancellationToken cancellationToken)
    {
        var preparer = new RowPreparer(job);
        var builder = RequestBuilder.ForJob(tokenizer, job, context, chat);
        var summaries = job.IsChunkedSummary ? new SummaryPrompts(job) : null;
        var longest = 1;
        long total = 0, rows = 0, chatRows = 0;
        await foreach (var record in RowReaders.Open(files, InputFormats.ReaderFormat(job.Input)).ReadAsync(cancellationToken))
        {
            if (preparer.Prepare(record).Row is not { } row) continue;
            if (row.Messages is not null) chatRows++;
            // Rows too long for the context become error rows later; they need no slot.
            if (RowTokens(row, builder, summaries, tokenizer, job, context) is not { } tokens) continue;
            longest = Math.Max(longest, tokens);
            total += tokens;
            rows++;
        }
        return (longest, rows == 0 ? 1 : (int)Math.Ceiling((double)total / rows), chatRows);
    }

    /// <summary>The tokens a row's longest request needs, or null for a row that will be an error row.</summary>
    private static int? RowTokens(PreparedRow row, RequestBuilder builder, SummaryPrompts? summaries, ITokenizer tokenizer, JobSpec job, int context)
    {
        var whole = builder.TryBuild(row, out var request, out _) ? request!.LongestTokens : (int?)null;
        if (summaries is null || whole <= context) return whole is { } w ? Math.Min(context, w) : null;
        // A chunked summary splits a row that does not fit whole: its longest request is a full chunk, the prompt around it, and the output.
        return Math.Min(context, summaries.OverheadTokens(tokenizer, row.Values!) + job.Chunking!.MaxTokens + (row.MaxTokens ?? job.Generation.MaxTokens));
    }
}
