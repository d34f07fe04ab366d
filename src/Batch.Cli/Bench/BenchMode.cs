namespace Batch.Cli.Bench;

/// <summary>How a benchmark run feeds the workload's rows to the scheduler.</summary>
public enum BenchMode
{
    /// <summary>One row at a time (one sequence): the baseline every ratio is taken against.</summary>
    Sequential,

    /// <summary>Fixed batches of N rows: the next batch starts only when the whole batch is done.</summary>
    Static,

    /// <summary>Continuous batching: all rows queued, N sequences, rows join and leave at every step.</summary>
    Continuous,

    /// <summary>Continuous batching with the rows' shared prompt prefix computed once (one extra template slot).</summary>
    ContinuousPrefix,

    /// <summary>Classification: each row's prompt scored against <c>--labels</c>, the prompt computed once for all labels.</summary>
    Classify,

    /// <summary>Classification with the prompt recomputed for every label: the one-label-at-a-time baseline.</summary>
    ClassifySeparate,
}
