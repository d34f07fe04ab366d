namespace Batch.Core.Scheduling;

/// <summary>
/// One pass of a classification row through its slot: cut the KV back to <paramref name="RewindTo"/>,
/// feed <paramref name="Tokens"/> from there, and read the log-probabilities named in
/// <paramref name="Targets"/> (position → the label tokens to score after it).
/// </summary>
/// <param name="Tokens">The row's whole token list for this pass, from position 0.</param>
public sealed record ScoringRound(int RewindTo, int[] Tokens, IReadOnlyDictionary<int, LabelTarget[]> Targets);

/// <summary>A label token to score: the label it belongs to and the token id.</summary>
public readonly record struct LabelTarget(int Label, int Token);
