using System.Diagnostics.CodeAnalysis;
using LLama;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>Creating a llama.cpp context, where a refusal is an error value, and the cell rounding llama.cpp applies.</summary>
internal static class NativeContext
{
    /// <summary>Creates a context; <paramref name="what"/> names it in the error ("a context of 512 cells").</summary>
    public static bool TryCreate(LLamaWeights weights, LLamaContextParams parameters, string what,
        [NotNullWhen(true)] out SafeLLamaContextHandle? context, [NotNullWhen(false)] out string? error)
    {
        try
        {
            context = SafeLLamaContextHandle.Create(weights.NativeHandle, parameters);
        }
        catch (Exception e) when (e is LLama.Exceptions.RuntimeError or InvalidOperationException)
        {
            (context, error) = (null, $"llama.cpp could not create {what}: {e.Message}");
            return false;
        }
        if (context.IsInvalid)
        {
            (context, error) = (null, $"llama.cpp could not create {what}");
            return false;
        }
        error = null;
        return true;
    }

    /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="multiple"/>.</summary>
    public static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
