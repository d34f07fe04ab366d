namespace Batch.IO.Jsonl;

/// <summary>Counts the non-blank lines of JSONL files quickly, for progress totals.</summary>
public static class JsonlRowCounter
{
    public static async Task<long> CountAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var rows = 0L;
        var buffer = new byte[1 << 16];
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var lineHasText = false;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b == (byte)'\n')
                    {
                        if (lineHasText) rows++;
                        lineHasText = false;
                    }
                    else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                    {
                        lineHasText = true;
                    }
                }
            }
            if (lineHasText) rows++;
        }
        return rows;
    }
}
