namespace Batch.Core.Text;

/// <summary>A model's chat template: turns messages into prompt tokens; safe to call from many threads at once.</summary>
public interface IChatTemplate
{
    /// <summary>
    /// Renders <paramref name="messages"/> ending with the assistant's turn and tokenizes the result:
    /// the template's own text may hold control tokens, the messages' content is always plain text.
    /// An error when the template cannot place a message (then the row is an error row).
    /// </summary>
    bool TryEncode(IReadOnlyList<ChatMessage> messages, out int[] tokens, out string? error);
}
