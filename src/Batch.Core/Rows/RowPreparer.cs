using System.Text.Json;
using Batch.Core.Jobs;
using Batch.Core.Rows.OpenAi;
using Batch.Core.Summaries;
using Batch.Core.Text;

namespace Batch.Core.Rows;

/// <summary>
/// Checks a raw record (id present and unique, every needed field present) and renders its
/// prompt, or reads its chat (the messages field, or the rendered template as a user message when
/// the job asks for chat), or reads an OpenAI Batch API request line. Remembers every id it has
/// seen, so it runs on one thread, in input order.
/// </summary>
public sealed class RowPreparer
{
    private readonly string _idField;
    private readonly IReadOnlyList<string> _required;
    private readonly IReadOnlyList<string> _carry;
    private readonly PromptTemplate _template;
    private readonly string? _system;
    private readonly string? _maxTokensField;
    private readonly string? _labelList;
    private readonly IReadOnlyList<string> _summaryFields;
    private readonly string _messagesField;
    private readonly bool _chat;
    private readonly bool _openAiBatch;
    private readonly Dictionary<string, (string Source, long Line)> _seen = new(StringComparer.Ordinal);

    public RowPreparer(JobSpec job)
    {
        _idField = job.Input.Id;
        _template = PromptTemplate.Parse(job.Prompt.Template);
        _summaryFields = job.IsChunkedSummary ? new SummaryPrompts(job).Fields : [];
        _required = job.Input.Fields.Union(_template.Placeholders).Union(_summaryFields).ToArray();
        if (job.Task == JobTask.Classify)
        {
            // {labels} comes from the job, not from the row.
            _labelList = new ClassifyPrompt(job.Classify).LabelList;
            _required = _required.Where(name => name != ClassifyPrompt.LabelsPlaceholder || job.Input.Fields.Contains(name)).ToArray();
        }
        _carry = job.Output.Carry;
        _system = job.Prompt.System;
        _maxTokensField = job.Generation.MaxTokensField;
        _messagesField = job.Input.Messages;
        _chat = job.Prompt.Chat;
        _openAiBatch = job.Input.IsOpenAiBatch;
    }

    /// <summary>Rows that went through and became a prepared row (not failures).</summary>
    public long AcceptedCount { get; private set; }

    public RowPreparation Prepare(InputRecord record)
    {
        var fields = record.Fields;
        var carry = Carry(fields);
        if (fields is null)
            return Fail(record, null, carry, record.ParseError ?? "the row could not be read");

        if (_openAiBatch) return PrepareOpenAi(record, fields);
        if (!fields.TryGetValue(_idField, out var id) || id.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return Fail(record, null, carry, $"missing id field '{_idField}'");
        if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            return Fail(record, null, carry, $"id field '{_idField}' must be a string or a number, not {Describe(id.ValueKind)}");
        var idText = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
        if (idText.Length == 0)
            return Fail(record, id, carry, $"id field '{_idField}' is empty");
        if (Claim(record, idText) is { } duplicate)
            return Fail(record, id, carry, duplicate);

        if (fields.TryGetValue(_messagesField, out var chat) && chat.ValueKind != JsonValueKind.Null)
            return PrepareChat(record, fields, id, idText, carry, chat);
        foreach (var name in _required)
        {
            if (!fields.TryGetValue(name, out var value))
                return Fail(record, id, carry, $"missing field '{name}'");
            if (value.ValueKind == JsonValueKind.Null)
                return Fail(record, id, carry, $"field '{name}' is null");
        }

        if (!_template.TryRender(name => _labelList is not null && name == ClassifyPrompt.LabelsPlaceholder && !fields.ContainsKey(name) ? _labelList : AsText(fields[name]),
                out var rendered, out var missing))
            return Fail(record, id, carry, $"missing field '{missing}'");
        if (!TryMaxTokens(fields, out var maxTokens, out var limitError))
            return Fail(record, id, carry, limitError!);
        AcceptedCount++;
        var values = _summaryFields.Count == 0 ? null : _summaryFields.ToDictionary(name => name, name => AsText(fields[name]), StringComparer.Ordinal);
        if (_chat)
        {
            var messages = ChatMessages.WithSystem([new ChatMessage("user", rendered)], _system);
            return RowPreparation.Ok(new PreparedRow(new DocumentId(idText), id, rendered, carry, record.Source, record.Line, maxTokens, values, messages));
        }
        var prompt = _system is null ? rendered : _system + "\n\n" + rendered;
        return RowPreparation.Ok(new PreparedRow(new DocumentId(idText), id, prompt, carry, record.Source, record.Line, maxTokens, values));
    }

    // A row that gives its own chat needs no template fields: the messages are the prompt.
    private RowPreparation PrepareChat(InputRecord record, IReadOnlyDictionary<string, JsonElement> fields, JsonElement id, string idText,
        IReadOnlyList<KeyValuePair<string, JsonElement?>> carry, JsonElement chat)
    {
        if (!ChatMessages.TryParse(chat, _messagesField, out var messages, out var error))
            return Fail(record, id, carry, error!);
        if (!TryMaxTokens(fields, out var maxTokens, out error))
            return Fail(record, id, carry, error!);
        AcceptedCount++;
        return RowPreparation.Ok(new PreparedRow(new DocumentId(idText), id, "", carry, record.Source, record.Line, maxTokens,
            Messages: ChatMessages.WithSystem(messages, _system)));
    }

    private RowPreparation PrepareOpenAi(InputRecord record, IReadOnlyDictionary<string, JsonElement> fields)
    {
        if (!OpenAiBatchLine.TryParse(fields, out var request, out var customId, out var error))
        {
            if (customId is { } known) Claim(record, known.GetString()!);
            return Fail(record, customId, [], error!);
        }
        var idText = request!.CustomId.GetString()!;
        if (Claim(record, idText) is { } duplicate)
            return Fail(record, request.CustomId, [], duplicate);
        var carry = new KeyValuePair<string, JsonElement?>[]
        {
            new(OpenAiBatchLine.UrlCarry, fields[OpenAiBatchLine.UrlCarry]),
            new(OpenAiBatchLine.ModelCarry, request.Model),
        };
        var messages = request.Messages is null ? null : ChatMessages.WithSystem(request.Messages, _system);
        AcceptedCount++;
        return RowPreparation.Ok(new PreparedRow(new DocumentId(idText), request.CustomId, request.Prompt ?? "", carry,
            record.Source, record.Line, request.MaxTokens, Messages: messages, Overrides: request.Overrides));
    }

    /// <summary>Records the id as seen; the duplicate error when it was seen before.</summary>
    private string? Claim(InputRecord record, string idText)
    {
        if (_seen.TryGetValue(idText, out var first)) return $"duplicate id '{idText}' (first at {first.Source}:{first.Line})";
        _seen[idText] = (record.Source, record.Line);
        return null;
    }

    private bool TryMaxTokens(IReadOnlyDictionary<string, JsonElement> fields, out int? maxTokens, out string? error)
    {
        maxTokens = null;
        error = null;
        if (_maxTokensField is not { } field || !fields.TryGetValue(field, out var limit) || limit.ValueKind == JsonValueKind.Null) return true;
        if (limit.ValueKind != JsonValueKind.Number || !limit.TryGetInt32(out var n) || n < 1)
        {
            error = $"field '{field}' must be a positive integer (max tokens for this row), got {limit.GetRawText()}";
            return false;
        }
        maxTokens = n;
        return true;
    }

    private IReadOnlyList<KeyValuePair<string, JsonElement?>> Carry(IReadOnlyDictionary<string, JsonElement>? fields) =>
        _carry.Select(name => new KeyValuePair<string, JsonElement?>(
            name, fields is not null && fields.TryGetValue(name, out var v) ? v : null)).ToArray();

    private static RowPreparation Fail(InputRecord record, JsonElement? id, IReadOnlyList<KeyValuePair<string, JsonElement?>> carry, string error) =>
        RowPreparation.Failed(OutputRow.Failed(record, id, carry, error));

    private static string AsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
