using Batch.Core.Jobs;
using Batch.IO.Rows;

namespace Batch.Cli.Running;

/// <summary>Maps <c>input.format</c> to the reader that reads the files.</summary>
public static class InputFormats
{
    /// <summary>The format every input file is read as; null = each file's extension decides (<c>auto</c>).</summary>
    public static RowFormat? ReaderFormat(InputOptions input) => input.Format switch
    {
        "jsonl" or InputOptions.OpenAiBatchFormat => RowFormat.Jsonl,
        "parquet" => RowFormat.Parquet,
        _ => null,
    };
}
