namespace Batch.Testing.Builders;

/// <summary>Ready-made token scripts for <see cref="ScriptedDecoder"/>.</summary>
public static class Scripts
{
    /// <summary>The letter a script built here emits at a step: 'a', 'b', … 'z', 'a', ….</summary>
    public static int LetterAt(int step) => 'a' + step % 26;

    /// <summary>The text <see cref="Letters"/> produces in <paramref name="count"/> tokens.</summary>
    public static string LettersText(int count) => string.Concat(Enumerable.Range(0, count).Select(s => (char)LetterAt(s)));

    /// <summary>Letters forever: never ends generation by itself.</summary>
    public static Func<ScriptStep, ScriptedToken> Letters { get; } = s => new ScriptedToken(LetterAt(s.Step));

    /// <summary>Letters, then end-of-generation as the <paramref name="eogAt"/>-th token (1-based).</summary>
    public static Func<ScriptStep, ScriptedToken> LettersThenEog(int eogAt) => s => At(s.Step, eogAt);

    /// <summary>Letters, with end-of-generation as the token number the function gives for this step's sequence (null: never).</summary>
    public static Func<ScriptStep, ScriptedToken> LettersThenEog(Func<ScriptStep, int?> eogAt) =>
        s => eogAt(s) is { } n ? At(s.Step, n) : new ScriptedToken(LetterAt(s.Step));

    /// <summary>The chars of <paramref name="text"/> one token each, then end-of-generation.</summary>
    public static Func<ScriptStep, ScriptedToken> Text(string text) => Tokens(FakeTokenizer.TokensOf(text));

    /// <summary>A text per sequence (e.g. chosen by its prompt), one char per token, then end-of-generation.</summary>
    public static Func<ScriptStep, ScriptedToken> Text(Func<ScriptStep, string> text) => s =>
    {
        var chosen = text(s);
        return s.Step < chosen.Length ? new ScriptedToken(chosen[s.Step]) : new ScriptedToken(FakeTokenizer.Eos, true);
    };

    /// <summary>The given tokens in order, then end-of-generation.</summary>
    public static Func<ScriptStep, ScriptedToken> Tokens(params int[] tokens) =>
        s => s.Step < tokens.Length ? new ScriptedToken(tokens[s.Step]) : new ScriptedToken(FakeTokenizer.Eos, true);

    private static ScriptedToken At(int step, int eogAt) =>
        step + 1 >= eogAt ? new ScriptedToken(FakeTokenizer.Eos, true) : new ScriptedToken(LetterAt(step));
}
