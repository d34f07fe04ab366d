using System.Security.Cryptography;
using System.Text;
using Batch.Llama.Synthetic;

namespace Batch.Testing;

/// <summary>Copies of the tiny model whose GGUF carries another chat template (for unknown-template tests).</summary>
public static class TinyChatModels
{
    /// <summary>A template llama.cpp recognises as no family.</summary>
    public const string Unrecognised = "{{ bos_token }}{% for m in messages %}{{ m['content'] }}{% endfor %}";

    /// <summary>
    /// The tiny model with <paramref name="template"/> in place of its ChatML template. GGUF strings are
    /// length-prefixed, so the new template is padded with trailing spaces to the old one's length in bytes.
    /// </summary>
    public static string WithChatTemplate(string template)
    {
        var original = Encoding.UTF8.GetBytes(SyntheticTokenizerMetadata.ChatMlTemplate);
        var replacement = Encoding.UTF8.GetBytes(template);
        if (replacement.Length > original.Length) throw new ArgumentException($"at most {original.Length} bytes", nameof(template));
        var name = Convert.ToHexStringLower(SHA256.HashData(replacement).AsSpan(0, 8));
        var path = System.IO.Path.Combine(TinyModel.CacheFolder, $"tiny-template-{name}.gguf");
        if (File.Exists(path)) return path;

        var bytes = File.ReadAllBytes(TinyModel.Path);
        var at = bytes.AsSpan().IndexOf(original);
        if (at < 0) throw new InvalidOperationException("the tiny model's chat template was not found");
        bytes.AsSpan(at, original.Length).Fill((byte)' ');
        replacement.CopyTo(bytes.AsSpan(at));
        // Write then rename, so a concurrent test process never reads a half-written copy.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
