using System.Runtime.InteropServices;
using Batch.Core.Text;
using LLama.Native;

namespace Batch.Llama.Chat;

/// <summary>
/// llama.cpp's own chat template support (<c>llama_chat_apply_template</c>): no Jinja engine, but ~50 built-in
/// families recognised from a GGUF's <c>tokenizer.chat_template</c> text or named directly. Needs only the
/// native library, not a model, so a job's template is checked before any weights load.
/// </summary>
public static unsafe class LlamaChatFormatter
{
    /// <summary>The family names llama.cpp accepts in place of a template (chatml, llama3, mistral-v7, …), sorted.</summary>
    public static IReadOnlyList<string> BuiltinFamilies()
    {
        LlamaRuntime.EnsureInitialized();
        var count = NativeApi.llama_chat_builtin_templates(null, 0);
        var names = new IntPtr[count];
        fixed (IntPtr* output = names)
        {
            NativeApi.llama_chat_builtin_templates((char**)output, (nuint)count);
        }
        return names.Select(p => Marshal.PtrToStringUTF8(p)!).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether llama.cpp recognises <paramref name="template"/> (a family name or a template's text).</summary>
    public static bool IsSupported(string template) => TryApply(template, [new ChatMessage("user", "hi")], addAssistant: true, out _);

    /// <summary>Renders <paramref name="messages"/>; false when llama.cpp does not recognise the template.</summary>
    public static bool TryApply(string template, IReadOnlyList<ChatMessage> messages, bool addAssistant, out string text)
    {
        LlamaRuntime.EnsureInitialized();
        text = "";
        var strings = new List<IntPtr>(messages.Count * 2 + 1);
        try
        {
            // llama.cpp reads a null template as "chatml": never pass one.
            var templatePointer = Utf8(template, strings);
            var native = new LLamaChatMessage[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].role = (byte*)Utf8(messages[i].Role, strings);
                native[i].content = (byte*)Utf8(messages[i].Content, strings);
            }
            var capacity = 256 + 2 * messages.Sum(m => m.Role.Length + m.Content.Length) * 4;
            while (true)
            {
                var buffer = new byte[capacity];
                int length;
                fixed (LLamaChatMessage* chat = native)
                fixed (byte* output = buffer)
                {
                    length = NativeApi.llama_chat_apply_template((byte*)templatePointer, chat, (nuint)native.Length, addAssistant, output, buffer.Length);
                }
                if (length < 0) return false;
                if (length <= buffer.Length)
                {
                    text = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
                    return true;
                }
                capacity = length;
            }
        }
        finally
        {
            foreach (var pointer in strings) Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static IntPtr Utf8(string text, List<IntPtr> owned)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        owned.Add(pointer);
        return pointer;
    }
}
