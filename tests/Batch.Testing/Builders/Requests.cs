using Batch.Core.Decoding;
using Batch.Core.Rows;
using Batch.Core.Scheduling;

namespace Batch.Testing.Builders;

/// <summary>Generation requests with defaults, so a test sets only what it is about.</summary>
public static class Requests
{
    /// <summary>The first prompt token; prompt token i is <c>PromptTokenBase + i</c>.</summary>
    public const int PromptTokenBase = 1000;

    /// <summary>A greedy request whose prompt is <paramref name="promptLength"/> distinct tokens.</summary>
    public static GenerationRequest Create(string id, int promptLength = 4, int maxTokens = 8, params string[] stop) =>
        new(new DocumentId(id), Prompt(promptLength), maxTokens, SamplingOptions.Greedy, stop);

    /// <summary>The prompt tokens <see cref="Create"/> uses for a prompt of this length.</summary>
    public static int[] Prompt(int length) => Enumerable.Range(PromptTokenBase, length).ToArray();
}
