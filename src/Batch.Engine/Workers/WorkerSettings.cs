namespace Batch.Engine.Workers;

/// <summary>One worker's scheduling limits, before they are capped by what its decoder can hold.</summary>
/// <param name="BlockSize">Tokens per KV block in the pool's accounting.</param>
/// <param name="SharePrefix">Share the rows' common prompt prefix (the decoder then needs one slot more).</param>
/// <param name="PrefixCellsShared">The KV is one unified pool (prefix cells shared by all slots).</param>
public sealed record WorkerSettings(int MaxSequences, int MaxBatchTokens, int BlockSize = 16, bool SharePrefix = false, bool PrefixCellsShared = false,
    int AdmissionWindow = 1,
    bool CacheSlots = false);
