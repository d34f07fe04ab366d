namespace Batch.Core.Decoding;

/// <summary>The answer to a <see cref="ScoreRequest"/>: log-softmax values, in the order the tokens were asked for.</summary>
public sealed record TokenScores(SequenceId Sequence, int Offset, float[] LogProbabilities);
