namespace Batch.Core.Rows;

/// <summary>The outcome of preparing one input record: a row to decode or an error row to write.</summary>
public sealed record RowPreparation(PreparedRow? Row, OutputRow? Failure)
{
    public static RowPreparation Ok(PreparedRow row) => new(row, null);
    public static RowPreparation Failed(OutputRow failure) => new(null, failure);
}
