using Batch.Core.Decoding;
using Batch.Llama.Decoding;
using Batch.Llama.Tokenization;
using LLama;
using LLama.Common;

namespace Batch.Llama;

/// <summary>Loaded GGUF weights plus the tokenizer over them; shared by the workers of one process.</summary>
public sealed class LlamaModel : IDisposable
{
    private LlamaModel(string path, LLamaWeights weights)
    {
        Path = path;
        Weights = weights;
        Tokenizer = new LlamaTokenizer(weights);
    }

    public string Path { get; }
    public LLamaWeights Weights { get; }
    public LlamaTokenizer Tokenizer { get; }

    /// <summary>The context length the model was trained with (GGUF metadata).</summary>
    public int TrainedContext => Weights.ContextSize;

    /// <summary>Loads weights on the CPU; a missing or unreadable file is an error value naming it.</summary>
    /// <param name="vocabOnly">Load only the vocabulary (for tokenizing, e.g. to plan memory before the weights load).</param>
    /// <param name="gpu">Pin every layer to this GPU (split mode none); null = CPU.</param>
    public static bool TryLoad(string path, int threads, out LlamaModel? model, out string? error, bool vocabOnly = false, int? gpu = null)
    {
        model = null;
        if (!File.Exists(path))
        {
            error = $"model file '{path}' does not exist";
            return false;
        }
        if (!LooksLikeGguf(path))
        {
            error = $"model file '{path}' is not a GGUF file (bad magic bytes)";
            return false;
        }
        LlamaRuntime.EnsureInitialized();
        try
        {
            var parameters = new ModelParams(path) { GpuLayerCount = 0, Threads = threads, VocabOnly = vocabOnly };
            if (gpu is { } device)
            {
                // LLamaSharp's default offloads only 20 layers; a worker owns its GPU, so all of them (engine.md §9).
                parameters.GpuLayerCount = -1;
                parameters.MainGpu = device;
                parameters.SplitMode = LLama.Native.GPUSplitMode.None;
            }
            model = new LlamaModel(path, LLamaWeights.LoadFromFile(parameters));
            error = null;
            return true;
        }
        catch (Exception e) when (e is LLama.Exceptions.LoadWeightsFailedException or LLama.Exceptions.RuntimeError)
        {
            error = $"model file '{path}' could not be loaded (corrupt or unsupported GGUF): {e.Message}";
            return false;
        }
    }

    /// <summary>Creates one decoder (one llama.cpp context); throws when llama.cpp refuses it.</summary>
    public IDecoder CreateDecoder(LlamaDecoderOptions options) =>
        LlamaDecoder.TryCreate(Weights, options, out var decoder, out var error)
            ? decoder!
            : throw new InvalidOperationException(error);

    public void Dispose() => Weights.Dispose();

    private static bool LooksLikeGguf(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(magic) == 4 && magic.SequenceEqual("GGUF"u8);
    }
}
