using Batch.Core.Jobs;
using Batch.Core.Rows;
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
        var builder = new RequestBuilder(tokenizer, job.Generation, context, chat);
        var longest = 1;
        long total = 0, rows = 0, chatRows = 0;
        await foreach (var record in RowReaders.Open(files, InputFormats.ReaderFormat(job.Input)).ReadAsync(cancellationToken))
        {
            if (preparer.Prepare(record).Row is not { } row) continue;
            if (row.Messages is not null) chatRows++;
            // Rows too long for the context become error rows later; they need no slot.
            if (!builder.TryBuild(row, out var request, out _)) continue;
            var tokens = Math.Min(context, request!.PromptTokens.Length + request.MaxTokens);
            longest = Math.Max(longest, tokens);
            total += tokens;
            rows++;
        }
        return (longest, rows == 0 ? 1 : (int)Math.Ceiling((double)total / rows), chatRows);
    }
}
