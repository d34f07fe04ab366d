namespace Batch.Core.Text;

/// <summary>Incremental detokenizer for one sequence; holds back incomplete UTF-8.</summary>
public interface ITokenStreamDecoder
{
    /// <summary>Adds one token and returns the text it completed (possibly empty).</summary>
    string Append(int token);
}
