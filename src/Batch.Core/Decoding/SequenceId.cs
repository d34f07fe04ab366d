namespace Batch.Core.Decoding;

/// <summary>Identifies one sequence inside one worker's scheduler.</summary>
public readonly record struct SequenceId(long Value)
{
    public override string ToString() => $"seq{Value}";
}
