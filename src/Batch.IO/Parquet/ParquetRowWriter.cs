using Batch.Core.Rows;
using Parquet;

namespace Batch.IO.Parquet;

/// <summary>
/// Writes output rows as a directory dataset: <c>path</c> is a folder of part files, one per
/// commit that had rows. A commit writes the buffered rows as one row group in a new part,
/// fsyncs it and returns how many parts are committed; resuming from N deletes the parts from N on.
/// </summary>
public sealed class ParquetRowWriter : IRowWriter
{
    private readonly string _folder;
    private readonly ParquetOutputSchema _schema;
    private readonly ParquetPartBuffer _pending;
    private long _partCount;

    /// <summary>
    /// Opens the dataset folder <paramref name="path"/> fresh (its parts deleted), or resuming after
    /// <paramref name="resumeFrom"/> committed parts; <paramref name="includeTokenIds"/> adds a token_ids list column, <paramref name="includeProbabilities"/> a probabilities column.
    /// </summary>
    public ParquetRowWriter(string path, IReadOnlyList<string> carry, long? resumeFrom = null, bool includeTokenIds = false, bool includeProbabilities = false)
    {
        _folder = Path.GetFullPath(path);
        if (File.Exists(_folder))
            throw new IOException($"'{path}' is a file, but a Parquet output is a folder of part files; move the file away or choose another output path");
        Directory.CreateDirectory(_folder);
        _schema = new ParquetOutputSchema(carry, includeTokenIds, includeProbabilities);
        _pending = new ParquetPartBuffer(_schema);
        _partCount = resumeFrom ?? 0;
        if (resumeFrom is { } committed)
        {
            var present = ParquetPartFiles.List(_folder).Count(index => index < committed);
            if (present < committed)
                throw new IOException($"'{path}' holds {present} of the {committed} part files its checkpoint says were committed; it was changed outside the job");
        }
        // Parts past the last commit were never claimed by a checkpoint: their rows are redone.
        ParquetPartFiles.DeleteFrom(_folder, _partCount);
    }

    public ValueTask WriteAsync(OutputRow row, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _pending.Add(row);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<long> CommitAsync(CancellationToken cancellationToken)
    {
        await WritePendingPartAsync(cancellationToken);
        return _partCount;
    }

    /// <summary>Rows written since the last commit still land in a part, as the JSONL writer leaves them in its file; a resume deletes that part.</summary>
    public async ValueTask DisposeAsync() => await WritePendingPartAsync(CancellationToken.None);

    private async Task WritePendingPartAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        // Written under a temporary name and renamed once durable, so a crash never leaves a
        // half-written file that looks like a part to anyone reading the folder.
        var temp = ParquetPartFiles.TempPathOf(_folder, _partCount);
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
        {
            await using (var writer = await ParquetWriter.CreateAsync(_schema.Schema, stream, null, false, cancellationToken))
            {
                using var group = writer.CreateRowGroup();
                await _pending.WriteToAsync(group, cancellationToken);
            }
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, ParquetPartFiles.PathOf(_folder, _partCount), overwrite: true);
        _pending.Clear();
        _partCount++;
    }
}
