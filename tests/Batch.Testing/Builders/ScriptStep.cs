using Batch.Core.Decoding;

namespace Batch.Testing.Builders;

/// <summary>One sample a <see cref="ScriptedDecoder"/> is asked for.</summary>
/// <param name="Prompt">The sequence's prompt tokens.</param>
/// <param name="Step">Tokens the sequence generated before this one (0 for the first).</param>
/// <param name="Call">0-based index of the decode call.</param>
public sealed record ScriptStep(SequenceId Sequence, SlotId Slot, IReadOnlyList<int> Prompt, int Step, int Call);
