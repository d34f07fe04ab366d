using Batch.Core.Checkpointing;
using Batch.Core.Rows;

namespace Batch.Engine.Pipeline;

/// <summary>
/// The pipeline's last stage: appends rows to the output (and error rows to the errors file too)
/// and, every N rows or T seconds, makes both durable and then records the rows they hold in the
/// checkpoint. Order matters: fsync the data first, then the checkpoint that claims it.
/// Called from one thread at a time.
/// </summary>
public sealed class CheckpointingSink(
    IRowWriter output,
    IRowWriter errors,
    ICheckpointStore store,
    JobFingerprint fingerprint,
    CompletedRows completed,
    CheckpointCadence cadence,
    TimeProvider time,
    (long Ok, long Failed) earlier = default)
{
    private readonly List<(string Source, long Line)> _pending = [];
    private long _rowsOk = earlier.Ok;
    private long _rowsFailed = earlier.Failed;
    private long _lastCommit = time.GetTimestamp();

    /// <summary>Rows written successfully, over every run of the job.</summary>
    public long RowsOk => _rowsOk;

    /// <summary>Error rows written, over every run of the job.</summary>
    public long RowsFailed => _rowsFailed;

    /// <summary>Checkpoints written so far in this run.</summary>
    public int CommitCount { get; private set; }

    public async ValueTask WriteAsync(OutputRow row, CancellationToken cancellationToken)
    {
        await output.WriteAsync(row, cancellationToken);
        if (row.IsError)
        {
            await errors.WriteAsync(row, cancellationToken);
            _rowsFailed++;
        }
        else
        {
            _rowsOk++;
        }
        _pending.Add((row.Source, row.Line));
        if (_pending.Count >= cadence.EveryRows || time.GetElapsedTime(_lastCommit) >= cadence.Every)
            await CommitAsync(isComplete: false, cancellationToken);
    }

    /// <summary>Makes everything written durable, then records it in the checkpoint.</summary>
    public async Task CommitAsync(bool isComplete, CancellationToken cancellationToken)
    {
        var outputPosition = await output.CommitAsync(cancellationToken);
        var errorsPosition = await errors.CommitAsync(cancellationToken);
        foreach (var (source, line) in _pending) completed.Add(source, line);
        _pending.Clear();
        var checkpoint = new Checkpoint(fingerprint, completed.Snapshot(), outputPosition, errorsPosition, _rowsOk, _rowsFailed, isComplete);
        await store.SaveAsync(checkpoint, cancellationToken);
        _lastCommit = time.GetTimestamp();
        CommitCount++;
    }
}
