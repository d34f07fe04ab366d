namespace Batch.Llama.Chat;

/// <summary>The chat template a job renders chats with, or why it has none.</summary>
/// <param name="Template">What llama.cpp is handed: the GGUF's template text or a family name; null = none.</param>
/// <param name="Source">Where it came from, for messages: "the model's chatml template", "model.chat_template: llama3".</param>
/// <param name="Problem">Why there is no template (null when there is one): a sentence naming the families to choose from.</param>
public sealed record ChatTemplateChoice(string? Template, string Source, string? Problem)
{
    public bool IsAvailable => Template is not null;
}
