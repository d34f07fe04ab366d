using System.Text.Json;
using Batch.Core.Rows;
using Batch.Core.Scheduling;
using Parquet;

namespace Batch.IO.Parquet;

/// <summary>One part's rows held column by column until the part is written as a single row group.</summary>
internal sealed class ParquetPartBuffer(ParquetOutputSchema schema)
{
    private readonly List<string?> _ids = [];
    private readonly List<string?>[] _carry = schema.CarryNames.Select(_ => new List<string?>()).ToArray();
    private readonly List<string?> _outputs = [];
    private readonly List<string> _finishReasons = [];
    private readonly List<int> _promptTokens = [];
    private readonly List<int> _completionTokens = [];
    private readonly List<string?> _errors = [];
    private readonly List<string?> _probabilities = [];
    private readonly List<int> _tokenIds = [];
    private readonly List<int> _tokenIdDefinitions = [];
    private readonly List<int> _tokenIdRepetitions = [];

    public int Count => _ids.Count;

    public void Add(OutputRow row)
    {
        _ids.Add(AsText(row.Id));
        for (var i = 0; i < _carry.Length; i++) _carry[i].Add(AsText(CarriedValue(row, schema.CarryNames[i])));
        _outputs.Add(row.Output);
        _finishReasons.Add(Name(row.FinishReason));
        _promptTokens.Add(row.PromptTokens);
        _completionTokens.Add(row.CompletionTokens);
        _errors.Add(row.Error);
        if (schema.Probabilities is not null) _probabilities.Add(ProbabilitiesJson(row.Classification));
        if (schema.TokenId is { } tokenId) AddTokenIds(row.TokenIds, tokenId.MaxDefinitionLevel);
    }

    /// <summary>Writes every buffered row into <paramref name="group"/>, columns in schema order.</summary>
    public async Task WriteToAsync(ParquetRowGroupWriter group, CancellationToken cancellationToken)
    {
        // Parquet.Net's string overload takes nullable cells for a nullable column; its signature just doesn't say so.
        await group.WriteAsync(schema.Id, _ids!, null);
        for (var i = 0; i < _carry.Length; i++) await group.WriteAsync(schema.Carry[i], _carry[i]!, null);
        await group.WriteAsync(schema.Output, _outputs!, null);
        await group.WriteAsync(schema.FinishReason, _finishReasons, null);
        await group.WriteAsync<int>(schema.PromptTokens, _promptTokens.ToArray(), null, null, cancellationToken);
        await group.WriteAsync<int>(schema.CompletionTokens, _completionTokens.ToArray(), null, null, cancellationToken);
        await group.WriteAsync(schema.Error, _errors!, null);
        if (schema.Probabilities is { } probabilities) await group.WriteAsync(probabilities, _probabilities!, null);
        if (schema.TokenId is { } tokenId)
            await group.WriteAllPartsAsync<int>(tokenId, _tokenIds.ToArray(), _tokenIdDefinitions.ToArray(), _tokenIdRepetitions.ToArray(), cancellationToken);
        group.CompleteValidate();
    }

    public void Clear()
    {
        _ids.Clear();
        foreach (var column in _carry) column.Clear();
        _outputs.Clear();
        _finishReasons.Clear();
        _promptTokens.Clear();
        _completionTokens.Clear();
        _errors.Clear();
        _probabilities.Clear();
        _tokenIds.Clear();
        _tokenIdDefinitions.Clear();
        _tokenIdRepetitions.Clear();
    }

    private static string? ProbabilitiesJson(Classification? classification) =>
        classification is null ? null : JsonSerializer.Serialize(classification.Probabilities.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>
    /// Dremel levels for one row's list: a null list is one entry at level 0, an empty list one at
    /// the level below an element's, and each element one at the full level; repetition 0 starts a row.
    /// </summary>
    private void AddTokenIds(IReadOnlyList<int>? ids, int elementLevel)
    {
        if (ids is null || ids.Count == 0)
        {
            _tokenIdDefinitions.Add(ids is null ? 0 : elementLevel - 1);
            _tokenIdRepetitions.Add(0);
            return;
        }
        for (var i = 0; i < ids.Count; i++)
        {
            _tokenIds.Add(ids[i]);
            _tokenIdDefinitions.Add(elementLevel);
            _tokenIdRepetitions.Add(i == 0 ? 0 : 1);
        }
    }

    private static JsonElement? CarriedValue(OutputRow row, string name)
    {
        foreach (var (key, value) in row.Carry)
        {
            if (key == name) return value;
        }
        return null;
    }

    /// <summary>Strings as they are, other JSON values as their JSON text, null as a null cell.</summary>
    private static string? AsText(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };

    private static string Name(FinishReason reason) => reason switch
    {
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        _ => "error",
    };
}
