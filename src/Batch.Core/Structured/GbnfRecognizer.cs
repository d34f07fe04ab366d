namespace Batch.Core.Structured;

/// <summary>
/// Decides whether a string matches a checked grammar: each expression maps a start position to the set of
/// positions where a match can end, memoized per rule and position. Terminates because a checked grammar has
/// no left recursion and no unbounded repetition of an item that can match nothing.
/// </summary>
internal sealed class GbnfRecognizer
{
    private readonly IReadOnlyDictionary<string, GbnfExpression> rules;
    private readonly int[] input;
    private readonly Dictionary<(string Rule, int Position), HashSet<int>> memo = [];

    public GbnfRecognizer(IReadOnlyDictionary<string, GbnfExpression> rules, string text)
    {
        this.rules = rules;
        input = text.EnumerateRunes().Select(r => r.Value).ToArray();
    }

    public bool MatchesRoot() => Ends(new GbnfExpression.RuleRef(GbnfGrammar.RootRule), 0).Contains(input.Length);

    private HashSet<int> Ends(GbnfExpression expression, int position) => expression switch
    {
        GbnfExpression.Literal l => MatchLiteral(l.CodePoints, position),
        GbnfExpression.CharClass c => position < input.Length && c.Matches(input[position]) ? [position + 1] : [],
        GbnfExpression.AnyChar => position < input.Length ? [position + 1] : [],
        GbnfExpression.RuleRef r => RuleEnds(r.Name, position),
        GbnfExpression.Sequence s => SequenceEnds(s.Items, position),
        GbnfExpression.Choice c => [.. c.Options.SelectMany(o => Ends(o, position))],
        GbnfExpression.Repeat r => RepeatEnds(r, position),
        _ => throw new InvalidOperationException($"unknown GBNF node {expression.GetType().Name}"),
    };

    private HashSet<int> MatchLiteral(int[] literal, int position)
    {
        if (position + literal.Length > input.Length) return [];
        return input.AsSpan(position, literal.Length).SequenceEqual(literal) ? [position + literal.Length] : [];
    }

    private HashSet<int> RuleEnds(string rule, int position)
    {
        if (memo.TryGetValue((rule, position), out var known)) return known;
        var ends = Ends(rules[rule], position);
        memo[(rule, position)] = ends;
        return ends;
    }

    private HashSet<int> SequenceEnds(IReadOnlyList<GbnfExpression> items, int position)
    {
        HashSet<int> current = [position];
        foreach (var item in items)
        {
            current = [.. current.SelectMany(p => Ends(item, p))];
            if (current.Count == 0) break;
        }
        return current;
    }

    private HashSet<int> RepeatEnds(GbnfExpression.Repeat repeat, int position)
    {
        HashSet<int> result = repeat.Min == 0 ? [position] : [];
        HashSet<int> current = [position];
        HashSet<int> seen = [position];
        for (var count = 1; repeat.Max is null || count <= repeat.Max; count++)
        {
            var next = current.SelectMany(p => Ends(repeat.Item, p)).ToHashSet();
            // Past the minimum, a position reached before leads nowhere new.
            if (count > repeat.Min) next.ExceptWith(seen);
            if (next.Count == 0) break;
            seen.UnionWith(next);
            if (count >= repeat.Min) result.UnionWith(next);
            current = next;
        }
        return result;
    }
}
