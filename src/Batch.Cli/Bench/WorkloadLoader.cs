using System.Text.Json;
using Batch.Core.Text;

namespace Batch.Cli.Bench;

/// <summary>Reads a benchmark workload: JSONL rows of <c>{id, prompt, max_tokens}</c>, tokenized as <c>batch run</c> does.</summary>
public static class WorkloadLoader
{
    /// <summary>The rows of <paramref name="path"/>; an unreadable file or a bad row is an error naming its line.</summary>
    public static bool TryLoad(string path, ITokenizer tokenizer, out BenchWorkload? workload, out string? error)
    {
        workload = null;
        if (!File.Exists(path))
        {
            error = $"workload file '{path}' does not exist";
            return false;
        }
        var rows = new List<BenchRow>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (!TryParseRow(line, tokenizer, out var row, out var reason))
            {
                error = $"{path}:{lineNumber}: {reason}";
                return false;
            }
            rows.Add(row!);
        }
        if (rows.Count == 0)
        {
            error = $"workload file '{path}' has no rows";
            return false;
        }
        workload = new BenchWorkload(path, rows);
        error = null;
        return true;
    }

    private static bool TryParseRow(string line, ITokenizer tokenizer, out BenchRow? row, out string? reason)
    {
        row = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("a row must be a JSON object", out reason);
            if (!root.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                return Fail("missing id (a string or number)", out reason);
            if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.String || prompt.GetString()!.Length == 0)
                return Fail("missing prompt (a non-empty string)", out reason);
            if (!root.TryGetProperty("max_tokens", out var maxTokens) || maxTokens.ValueKind != JsonValueKind.Number
                || !maxTokens.TryGetInt32(out var max) || max < 1)
                return Fail("missing max_tokens (a positive integer)", out reason);
            var idText = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
            row = new BenchRow(idText, tokenizer.Tokenize(prompt.GetString()!, addBos: true), max);
            reason = null;
            return true;
        }
        catch (JsonException e)
        {
            return Fail($"not valid JSON ({e.Message})", out reason);
        }
    }

    private static bool Fail(string message, out string? reason)
    {
        reason = message;
        return false;
    }
}
