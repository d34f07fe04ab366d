using Batch.Core.Rows;
using Batch.IO.Jsonl;

namespace Batch.IO.OpenAi;

/// <summary>Opens the output and error files of an OpenAI batch job, fresh or resuming from committed positions.</summary>
public static class OpenAiBatchWriters
{
    /// <summary>The output file: successful requests only, one response line each.</summary>
    public static IRowWriter OpenOutput(string path, long? resumeFrom, OpenAiBatchOutputFormat format) =>
        new SuccessRowWriter(new JsonlRowWriter(path, resumeFrom, format.WriteResponse));

    /// <summary>The error file: one error line per failed request.</summary>
    public static IRowWriter OpenErrors(string path, long? resumeFrom, OpenAiBatchOutputFormat format) =>
        new JsonlRowWriter(path, resumeFrom, format.WriteError);
}
