namespace Batch.Core.Decoding;

/// <summary>Asks the decoder for the log-probabilities of <paramref name="Tokens"/> as the next token after the span's token at <paramref name="Offset"/>.</summary>
public sealed record ScoreRequest(int Offset, int[] Tokens);
