namespace Batch.Core.Structured;

/// <summary>One node of a parsed GBNF rule body (llama.cpp's grammar format).</summary>
public abstract record GbnfExpression
{
    private GbnfExpression()
    {
    }

    /// <summary>A quoted literal, as Unicode code points.</summary>
    public sealed record Literal(int[] CodePoints) : GbnfExpression;

    /// <summary>A character class such as <c>[^"\\]</c>; ranges are inclusive code point pairs.</summary>
    public sealed record CharClass(bool IsNegated, IReadOnlyList<(int From, int To)> Ranges) : GbnfExpression
    {
        public bool Matches(int codePoint) => IsNegated != Ranges.Any(r => codePoint >= r.From && codePoint <= r.To);
    }

    /// <summary><c>.</c>: any one character.</summary>
    public sealed record AnyChar : GbnfExpression;

    /// <summary>A reference to another rule by name.</summary>
    public sealed record RuleRef(string Name) : GbnfExpression;

    /// <summary>Items matched one after another; empty matches the empty string.</summary>
    public sealed record Sequence(IReadOnlyList<GbnfExpression> Items) : GbnfExpression;

    /// <summary>Alternatives separated by <c>|</c>.</summary>
    public sealed record Choice(IReadOnlyList<GbnfExpression> Options) : GbnfExpression;

    /// <summary><c>x*</c>, <c>x+</c>, <c>x?</c>, <c>x{m,n}</c>; a null <paramref name="Max"/> is unbounded.</summary>
    public sealed record Repeat(GbnfExpression Item, int Min, int? Max) : GbnfExpression;
}
