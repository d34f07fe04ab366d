namespace Batch.Core.Summaries;

/// <summary>How good a place to cut a text is: a higher value is a more natural break.</summary>
public enum Boundary
{
    /// <summary>Inside a word too long for one chunk.</summary>
    Character,
    Word,
    Sentence,
    Paragraph,
    /// <summary>The end of the text.</summary>
    End,
}
