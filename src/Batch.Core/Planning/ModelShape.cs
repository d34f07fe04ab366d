namespace Batch.Core.Planning;

/// <summary>What the memory planner needs to know about a model, read from its GGUF header.</summary>
public sealed record ModelShape(
    long WeightsBytes,
    int ContextLength,
    int EmbeddingLength,
    int FeedForwardLength,
    int HeadCount,
    int VocabularySize,
    long KvBytesPerTokenF16,
    long KeyBytesPerTokenF16);
