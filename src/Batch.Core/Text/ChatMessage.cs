namespace Batch.Core.Text;

/// <summary>One turn of a chat: a role (system, user, assistant, …) and its text.</summary>
public sealed record ChatMessage(string Role, string Content);
