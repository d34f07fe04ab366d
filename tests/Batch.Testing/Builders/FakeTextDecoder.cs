using Batch.Core.Text;

namespace Batch.Testing.Builders;

/// <summary>Maps each token to its <see cref="FakeTokenizer"/> text; records what it was given.</summary>
public sealed class FakeTextDecoder(IReadOnlyDictionary<int, string>? words = null) : ITokenStreamDecoder
{
    private readonly FakeTokenizer _tokenizer = new(words);
    private readonly List<int> _tokens = [];

    public IReadOnlyList<int> Tokens => _tokens;

    public string Append(int token)
    {
        _tokens.Add(token);
        return _tokenizer.Render(token);
    }
}
