using Batch.Core.Text;

namespace Batch.Testing.Builders;

/// <summary>
/// A deterministic tokenizer: one token per UTF-16 char (token id = the char's code), BOS and EOS
/// render as nothing, and <paramref name="words"/> can give chosen token ids multi-char text.
/// </summary>
public sealed class FakeTokenizer(IReadOnlyDictionary<int, string>? words = null) : ITokenizer
{
    public const int Bos = 1;
    public const int Eos = 2;

    /// <summary>The text of one token, without any vocabulary overrides.</summary>
    public static string TextOf(int token) => token switch
    {
        Bos or Eos => "",
        >= 32 and < 0xD800 => ((char)token).ToString(),
        _ => $"<{token}>",
    };

    /// <summary>Tokens that render as exactly this text (one per char).</summary>
    public static int[] TokensOf(string text) => text.Select(c => (int)c).ToArray();

    public int[] Tokenize(string text, bool addBos) =>
        addBos ? [Bos, .. TokensOf(text)] : TokensOf(text);

    public string Detokenize(IReadOnlyList<int> tokens) => string.Concat(tokens.Select(Render));

    public ITokenStreamDecoder CreateStreamDecoder() => new FakeTextDecoder(words);

    internal string Render(int token) =>
        words is not null && words.TryGetValue(token, out var word) ? word : TextOf(token);
}
