using System.Runtime.InteropServices;
using LLama.Native;

namespace Batch.Llama.Decoding;

/// <summary>
/// llama_decode called through a function pointer into the libllama LLamaSharp already loaded.
/// LLamaSharp's own Decode holds a process-wide lock, so two workers' contexts would take turns
/// (engine.md §5); each context is only ever used by its own worker, so no lock is needed.
/// </summary>
public sealed unsafe class DirectDecode
{
    private readonly delegate* unmanaged[Cdecl]<IntPtr, LLamaNativeBatch, int> _decode;

    private DirectDecode(IntPtr function) => _decode = (delegate* unmanaged[Cdecl]<IntPtr, LLamaNativeBatch, int>)function;

    /// <summary>Resolves llama_decode; false when the loaded library cannot be found (then use LLamaSharp's Decode).</summary>
    public static bool TryResolve(out DirectDecode? direct)
    {
        direct = null;
        LlamaRuntime.EnsureInitialized();
        // LLamaSharp registered a resolver for its assembly: asking through it returns the library it loaded.
        if (!NativeLibrary.TryLoad("llama", typeof(NativeApi).Assembly, null, out var library)) return false;
        if (!NativeLibrary.TryGetExport(library, "llama_decode", out var function)) return false;
        direct = new DirectDecode(function);
        return true;
    }

    public DecodeResult Decode(SafeLLamaContextHandle context, NativeBatch batch)
    {
        var added = false;
        context.DangerousAddRef(ref added);
        try
        {
            return (DecodeResult)_decode(context.DangerousGetHandle(), batch.ToNative());
        }
        finally
        {
            if (added) context.DangerousRelease();
        }
    }
}
