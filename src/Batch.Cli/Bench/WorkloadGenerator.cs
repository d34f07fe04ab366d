using System.Text;
using Batch.Core.Text;

namespace Batch.Cli.Bench;

/// <summary>
/// Makes a workload of seeded random words with exact token counts. Rows are built as token ids,
/// not text: the shared prefix is tokenized once and every row appends its own tokens after it,
/// so the prefix is token-identical in every row (what prefix sharing matches on) and each prompt
/// has exactly the asked length.
/// </summary>
public sealed class WorkloadGenerator(ITokenizer tokenizer)
{
    private static readonly string[] Words =
    [
        "the", "a", "report", "team", "river", "city", "market", "student", "teacher", "family", "number", "system",
        "program", "question", "answer", "morning", "evening", "village", "forest", "bridge", "letter", "garden",
        "money", "health", "school", "government", "research", "history", "community", "business", "world", "water",
        "wrote", "read", "found", "changed", "helped", "carried", "decided", "reached", "allowed", "returned", "kept",
        "small", "large", "early", "late", "clear", "quiet", "strong", "local", "simple", "careful", "different",
        "and", "but", "while", "because", "after", "before", "near", "with", "from", "under", "over", "into",
        "quickly", "slowly", "finally", "often", "never", "still", "again", "together", "later", "today",
    ];

    private readonly ITokenizer _tokenizer = tokenizer;

    /// <summary>The rows for <paramref name="shape"/>; the same shape and seed give the same rows.</summary>
    public BenchWorkload Generate(WorkloadShape shape, int seed)
    {
        var random = new Random(seed);
        var prefix = shape.SharedPrefixTokens > 0 ? Tokens(random, shape.SharedPrefixTokens, addBos: true) : [];
        var rows = new List<BenchRow>(shape.Rows);
        for (var i = 0; i < shape.Rows; i++)
        {
            // Without a prefix the row's own text starts the prompt and takes the BOS.
            var own = Tokens(random, shape.PromptTokens - prefix.Length, addBos: prefix.Length == 0);
            rows.Add(new BenchRow($"gen-{i:D4}", [.. prefix, .. own], shape.OutputTokens));
        }
        return new BenchWorkload($"generated (seed {seed})", rows);
    }

    // Random words until the text tokenizes to at least `count` tokens, cut to exactly `count`.
    private int[] Tokens(Random random, int count, bool addBos)
    {
        var text = new StringBuilder();
        while (true)
        {
            for (var i = 0; i < count / 2 + 4; i++) text.Append(' ').Append(Words[random.Next(Words.Length)]);
            var tokens = _tokenizer.Tokenize(text.ToString(), addBos);
            if (tokens.Length >= count) return tokens[..count];
        }
    }
}
