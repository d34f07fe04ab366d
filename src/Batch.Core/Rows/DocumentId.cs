namespace Batch.Core.Rows;

/// <summary>An input row's id, as read from the job's id field.</summary>
public readonly record struct DocumentId(string Value)
{
    public override string ToString() => Value;
}
