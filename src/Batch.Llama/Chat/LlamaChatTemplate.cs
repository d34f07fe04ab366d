using System.Globalization;
using System.Text;
using Batch.Core.Text;
using LLama.Native;

namespace Batch.Llama.Chat;

/// <summary>
/// Renders chats with llama.cpp's template support and tokenizes them so that only the template's own text
/// can become control tokens: the chat is rendered once with a unique marker in place of each message's
/// content, the template text between markers is tokenized with special tokens parsed (<c>&lt;|im_start|&gt;</c>
/// is one token), and each message's content is tokenized as plain text, so a document that contains
/// "&lt;/s&gt;" or "&lt;|im_end|&gt;" cannot end its turn (engine.md §7). Safe on many threads.
/// </summary>
/// <remarks>
/// Content is placed verbatim where the template put the marker, so templates that trim or rewrite content
/// (a few llama2 variants strip it) see it untrimmed. A piece boundary also bounds tokenization: a merge across
/// the edge of template text and content is not made (SentencePiece vocabularies may add a leading space).
/// </remarks>
public sealed class LlamaChatTemplate(SafeLlamaModelHandle model, string template) : IChatTemplate
{
    // Private-use characters: no template emits them, and the marker has no whitespace for a template to trim.
    private const char Open = '\uE000';
    private const char Close = '\uE001';

    /// <summary>The template's text or family name, as handed to llama.cpp.</summary>
    public string Template => template;

    /// <summary>The rendered chat as text (for inspection and tests); false when llama.cpp does not recognise the template.</summary>
    public bool TryRender(IReadOnlyList<ChatMessage> messages, out string text) =>
        LlamaChatFormatter.TryApply(template, messages, addAssistant: true, out text);

    public bool TryEncode(IReadOnlyList<ChatMessage> messages, out int[] tokens, out string? error)
    {
        tokens = [];
        var marked = messages.Select((m, i) => m with { Content = Marker(i) }).ToArray();
        if (!LlamaChatFormatter.TryApply(template, marked, addAssistant: true, out var rendered))
        {
            error = "llama.cpp does not recognise the chat template";
            return false;
        }
        var ids = new List<int>();
        var cursor = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var marker = Marker(i);
            var at = rendered.IndexOf(marker, cursor, StringComparison.Ordinal);
            if (at < 0 || rendered.IndexOf(marker, at + marker.Length, StringComparison.Ordinal) >= 0)
            {
                error = $"the chat template does not place message {i + 1} ({messages[i].Role}) exactly once, in order";
                return false;
            }
            Add(ids, rendered[cursor..at], special: true, addBos: i == 0);
            Add(ids, messages[i].Content, special: false, addBos: false);
            cursor = at + marker.Length;
        }
        Add(ids, rendered[cursor..], special: true, addBos: messages.Count == 0);
        tokens = DropDoubleBos(ids);
        error = null;
        return true;
    }

    private static string Marker(int index) => string.Create(CultureInfo.InvariantCulture, $"{Open}{index}{Close}");

    private void Add(List<int> ids, string text, bool special, bool addBos)
    {
        if (text.Length == 0 && !addBos) return;
        foreach (var token in model.Tokenize(text, addBos, special, Encoding.UTF8)) ids.Add((int)token);
    }

    // Templates that write the BOS text themselves would otherwise get a second one from the vocabulary's add_bos.
    private int[] DropDoubleBos(List<int> ids)
    {
        var bos = (int?)model.Vocab.BOS;
        return ids.Count >= 2 && bos is { } b && ids[0] == b && ids[1] == b ? ids.Skip(1).ToArray() : ids.ToArray();
    }
}
