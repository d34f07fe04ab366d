using System.Runtime.CompilerServices;
using Batch.Core.Rows;

namespace Batch.IO.Rows;

/// <summary>Reads several readers one after another, in order.</summary>
internal sealed class ConcatRowReader(IReadOnlyList<IRowReader> readers) : IRowReader
{
    public async IAsyncEnumerable<InputRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var reader in readers)
        {
            await foreach (var record in reader.ReadAsync(cancellationToken))
                yield return record;
        }
    }
}
