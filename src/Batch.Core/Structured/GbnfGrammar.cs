using System.Diagnostics.CodeAnalysis;

namespace Batch.Core.Structured;

/// <summary>
/// A GBNF grammar that llama.cpp will accept: it parses, defines <c>root</c> and every rule it references,
/// keeps repetition counts within llama.cpp's limit, and has no left recursion. llama.cpp rejects anything
/// else (a NULL sampler that crashes the process on first use), so every grammar passes here first.
/// </summary>
public sealed class GbnfGrammar
{
    /// <summary>llama.cpp refuses repetition counts above this (MAX_REPETITION_THRESHOLD).</summary>
    public const int MaxRepetitions = 2000;

    /// <summary>The rule generation starts from.</summary>
    public const string RootRule = "root";

    private GbnfGrammar(string text, IReadOnlyDictionary<string, GbnfExpression> rules)
    {
        Text = text;
        Rules = rules;
    }

    /// <summary>The GBNF source.</summary>
    public string Text { get; }

    /// <summary>Every rule by name.</summary>
    public IReadOnlyDictionary<string, GbnfExpression> Rules { get; }

    /// <summary>Parses and checks <paramref name="text"/>; on failure <paramref name="error"/> says what and where.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out GbnfGrammar? grammar, [NotNullWhen(false)] out string? error)
    {
        grammar = null;
        if (!new GbnfParser(text).TryParse(out var rules, out var syntaxError))
        {
            error = syntaxError ?? "invalid grammar";
            return false;
        }
        error = Check(rules);
        if (error is not null) return false;
        grammar = new GbnfGrammar(text, rules);
        return true;
    }

    /// <summary>True when the whole of <paramref name="input"/> matches <c>root</c>.</summary>
    public bool Matches(string input) => new GbnfRecognizer(Rules, input).MatchesRoot();

    private static string? Check(IReadOnlyDictionary<string, GbnfExpression> rules)
    {
        if (!rules.ContainsKey(RootRule)) return "the grammar has no 'root' rule";
        foreach (var (name, body) in rules)
        {
            foreach (var node in Walk(body))
            {
                switch (node)
                {
                    case GbnfExpression.RuleRef r when !rules.ContainsKey(r.Name):
                        return $"rule '{name}' references undefined rule '{r.Name}'";
                    case GbnfExpression.Repeat { Min: > MaxRepetitions } or GbnfExpression.Repeat { Max: > MaxRepetitions }:
                        return $"rule '{name}' repeats an item more than {MaxRepetitions} times (llama.cpp's limit)";
                }
            }
        }
        var nullable = NullableRules(rules);
        foreach (var (name, body) in rules)
        {
            foreach (var node in Walk(body))
            {
                if (node is GbnfExpression.Repeat { Max: null } r && IsNullable(r.Item, nullable))
                    return $"rule '{name}' repeats without bound an item that can match nothing (llama.cpp reads it as left recursion)";
            }
        }
        return LeftRecursion(rules, nullable);
    }

    private static IEnumerable<GbnfExpression> Walk(GbnfExpression expression)
    {
        yield return expression;
        var children = expression switch
        {
            GbnfExpression.Sequence s => s.Items,
            GbnfExpression.Choice c => c.Options,
            GbnfExpression.Repeat r => [r.Item],
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var node in Walk(child)) yield return node;
        }
    }

    private static HashSet<string> NullableRules(IReadOnlyDictionary<string, GbnfExpression> rules)
    {
        var nullable = new HashSet<string>(StringComparer.Ordinal);
        // A fixed point: each pass can only add rules, so it ends after at most one pass per rule.
        bool changed;
        do
        {
            changed = false;
            foreach (var (name, body) in rules)
            {
                if (!nullable.Contains(name) && IsNullable(body, nullable)) changed = nullable.Add(name);
            }
        }
        while (changed);
        return nullable;
    }

    private static bool IsNullable(GbnfExpression e, HashSet<string> nullable) => e switch
    {
        GbnfExpression.Literal l => l.CodePoints.Length == 0,
        GbnfExpression.RuleRef r => nullable.Contains(r.Name),
        GbnfExpression.Sequence s => s.Items.All(i => IsNullable(i, nullable)),
        GbnfExpression.Choice c => c.Options.Any(o => IsNullable(o, nullable)),
        GbnfExpression.Repeat r => r.Min == 0 || IsNullable(r.Item, nullable),
        _ => false,
    };

    /// <summary>Rules that can be entered without consuming a character first.</summary>
    private static void LeftRefs(GbnfExpression e, HashSet<string> nullable, List<string> refs)
    {
        switch (e)
        {
            case GbnfExpression.RuleRef r:
                refs.Add(r.Name);
                break;
            case GbnfExpression.Sequence s:
                foreach (var item in s.Items)
                {
                    LeftRefs(item, nullable, refs);
                    if (!IsNullable(item, nullable)) break;
                }
                break;
            case GbnfExpression.Choice c:
                foreach (var option in c.Options) LeftRefs(option, nullable, refs);
                break;
            case GbnfExpression.Repeat r:
                LeftRefs(r.Item, nullable, refs);
                break;
        }
    }

    private static string? LeftRecursion(IReadOnlyDictionary<string, GbnfExpression> rules, HashSet<string> nullable)
    {
        var edges = rules.ToDictionary(r => r.Key, r =>
        {
            var refs = new List<string>();
            LeftRefs(r.Value, nullable, refs);
            return refs;
        }, StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = on the stack, true = done
        foreach (var start in rules.Keys)
        {
            if (Visit(start) is { } cycle) return $"rule '{cycle}' is left-recursive (llama.cpp rejects left recursion)";
        }
        return null;

        string? Visit(string rule)
        {
            if (state.TryGetValue(rule, out var done)) return done ? null : rule;
            state[rule] = false;
            foreach (var next in edges[rule])
            {
                if (Visit(next) is { } cycle) return cycle;
            }
            state[rule] = true;
            return null;
        }
    }
}
