namespace Batch.Core.Text;

/// <summary>One piece of a parsed prompt template: literal text (braces already unescaped) or a placeholder name.</summary>
public readonly record struct PromptTemplateSegment(string Text, bool IsPlaceholder);
