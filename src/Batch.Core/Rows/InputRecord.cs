using System.Text.Json;

namespace Batch.Core.Rows;

/// <summary>One raw input row with where it came from; <see cref="ParseError"/> when it could not be read.</summary>
/// <param name="Source">The input file.</param>
/// <param name="Line">1-based line (JSONL) or row (Parquet) number within the file.</param>
public sealed record InputRecord(
    string Source,
    long Line,
    IReadOnlyDictionary<string, JsonElement>? Fields,
    string? ParseError = null);
