namespace Batch.Core.Text;

/// <summary>Turns text into token ids and back; safe to call from many threads at once.</summary>
public interface ITokenizer
{
    /// <summary>Tokenizes user content: control-token text such as "&lt;/s&gt;" stays text.</summary>
    int[] Tokenize(string text, bool addBos);

    /// <summary>Detokenizes a whole token list.</summary>
    string Detokenize(IReadOnlyList<int> tokens);

    /// <summary>A decoder for one sequence's output that never splits a UTF-8 character.</summary>
    ITokenStreamDecoder CreateStreamDecoder();
}
