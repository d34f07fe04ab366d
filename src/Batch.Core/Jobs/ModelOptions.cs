namespace Batch.Core.Jobs;

/// <summary>The <c>model</c> section: which GGUF to load and how to run it.</summary>
public sealed record ModelOptions
{
    /// <summary>A GGUF path, or <c>synthetic:tiny|small|bench</c> (generated on first use).</summary>
    public string Path { get; init; } = "synthetic:tiny";

    /// <summary>Max tokens per sequence (prompt + output); 0 = the model's own training context.</summary>
    public int Context { get; init; }

    /// <summary>CPU threads for decoding; 0 = every core of the machine.</summary>
    public int Threads { get; init; }

    /// <summary>How chats are rendered: <c>auto</c> (the GGUF's own template), <c>none</c>, or a llama.cpp family name (<c>chatml</c>, <c>llama3</c>, …).</summary>
    public string ChatTemplate { get; init; } = "auto";
}
