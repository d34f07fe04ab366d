namespace Batch.Core.Decoding;

/// <summary>
/// Runs one scheduler step against a model: frees released slots, starts samplers for new
/// sequences, decodes the plan's tokens as one batch, and samples where the plan asks.
/// Called from one thread at a time (the worker that owns it).
/// </summary>
public interface IDecoder : IDisposable
{
    /// <summary>What the scheduler must know about this decoder's limits and vocabulary.</summary>
    DecoderInfo Info { get; }

    StepResult Decode(StepPlan plan);
}
