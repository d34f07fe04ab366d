namespace Batch.Core.Decoding;

/// <summary>A sampled token's log-probability and, when asked for, the most likely alternatives at that step.</summary>
/// <param name="Bytes">The token's text as raw bytes (a token may hold part of a UTF-8 character).</param>
public sealed record TokenLogProbability(int Token, byte[] Bytes, float LogProbability, IReadOnlyList<TokenAlternative> Top);

/// <summary>One of the most likely tokens at a step.</summary>
public sealed record TokenAlternative(int Token, byte[] Bytes, float LogProbability);
