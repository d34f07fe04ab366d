namespace Batch.Engine.Pipeline;

/// <summary>Job-wide counters the pipeline updates and progress reads, from any thread.</summary>
public sealed class RunCounters
{
    private long _rowsRead;
    private long _rowsSkipped;
    private long _rowsOk;
    private long _rowsFailed;
    private long _promptTokens;
    private long _completionTokens;

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    /// <summary>Rows a resume found already done and did not decode again.</summary>
    public long RowsSkipped => Interlocked.Read(ref _rowsSkipped);
    public long RowsOk => Interlocked.Read(ref _rowsOk);
    public long RowsFailed => Interlocked.Read(ref _rowsFailed);
    public long RowsDone => RowsOk + RowsFailed;
    public long PromptTokens => Interlocked.Read(ref _promptTokens);
    public long CompletionTokens => Interlocked.Read(ref _completionTokens);

    /// <summary>Rows the job will see in all, when known (counted ahead of the reader).</summary>
    public long? RowsTotal { get; set; }

    internal void RowRead() => Interlocked.Increment(ref _rowsRead);

    internal void RowSkipped() => Interlocked.Increment(ref _rowsSkipped);

    internal void RowWritten(bool failed, int promptTokens, int completionTokens)
    {
        Interlocked.Increment(ref failed ? ref _rowsFailed : ref _rowsOk);
        Interlocked.Add(ref _promptTokens, promptTokens);
        Interlocked.Add(ref _completionTokens, completionTokens);
    }
}
