namespace Batch.Llama.Decoding;

/// <summary>A fatal llama.cpp decode failure (not a full cache): the worker must restart.</summary>
public sealed class LlamaDecodeException(string message) : Exception(message);
