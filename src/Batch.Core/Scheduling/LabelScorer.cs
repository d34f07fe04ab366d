namespace Batch.Core.Scheduling;

/// <summary>
/// The passes that score every label of one classification row, and the sums so far.
/// Shared prompt: one pass over the prompt reads every label's first token from the prompt's last
/// logits; each label longer than one token then gets a pass that feeds it after the prompt (the KV cut
/// back to the prompt's end first), so the prompt is computed once whatever the label count.
/// Separate: one pass per label over prompt + label, the baseline of scoring labels one by one.
/// Pure; owned by its <see cref="Sequence"/>.
/// </summary>
public sealed class LabelScorer
{
    private readonly List<ScoringRound> _rounds = [];
    private readonly double[] _sums;
    private int _round;

    public LabelScorer(int[] prompt, LabelScoring scoring)
    {
        ArgumentOutOfRangeException.ThrowIfZero(prompt.Length);
        if (scoring.Labels.Count == 0 || scoring.Labels.Any(l => l.Length == 0))
            throw new ArgumentException("every label needs at least one token", nameof(scoring));
        _sums = new double[scoring.Labels.Count];
        var end = prompt.Length;
        if (scoring.SharePrompt)
        {
            var firsts = scoring.Labels.Select((tokens, label) => new LabelTarget(label, tokens[0])).ToArray();
            _rounds.Add(new ScoringRound(0, prompt, new Dictionary<int, LabelTarget[]> { [end - 1] = firsts }));
            for (var label = 0; label < scoring.Labels.Count; label++)
            {
                if (scoring.Labels[label].Length > 1) _rounds.Add(LabelRound(prompt, scoring.Labels[label], label, end, scoreFirst: false));
            }
        }
        else
        {
            for (var label = 0; label < scoring.Labels.Count; label++)
                _rounds.Add(LabelRound(prompt, scoring.Labels[label], label, rewindTo: 0, scoreFirst: true));
        }
        PeakTokens = _rounds.Max(r => r.Tokens.Length);
    }

    /// <summary>The pass in progress.</summary>
    public ScoringRound Current => _rounds[_round];

    /// <summary>The most tokens any pass holds in the KV at once.</summary>
    public int PeakTokens { get; }

    /// <summary>Each label's summed log-probability so far.</summary>
    public IReadOnlyList<double> Sums => _sums;

    public void Add(LabelTarget target, double logProbability) => _sums[target.Label] += logProbability;

    /// <summary>Moves to the next pass; false when every label is scored.</summary>
    public bool TryAdvance()
    {
        if (_round == _rounds.Count - 1) return false;
        _round++;
        return true;
    }

    /// <summary>Starts over (after a preemption threw the KV away).</summary>
    public void Reset()
    {
        _round = 0;
        Array.Clear(_sums);
    }

    // Feeds all but the label's last token after the prompt: token i + 1 is scored from the logits at
    // the position of token i, and the first token from the prompt's last position when asked.
    private static ScoringRound LabelRound(int[] prompt, int[] label, int index, int rewindTo, bool scoreFirst)
    {
        var end = prompt.Length;
        var tokens = prompt.Concat(label.Take(label.Length - 1)).ToArray();
        var targets = new Dictionary<int, LabelTarget[]>();
        if (scoreFirst) targets[end - 1] = [new LabelTarget(index, label[0])];
        for (var i = 0; i + 1 < label.Length; i++) targets[end + i] = [new LabelTarget(index, label[i + 1])];
        return new ScoringRound(rewindTo, tokens, targets);
    }
}
