namespace Batch.Core.Structured;

/// <summary>Why a schema cannot be turned into a grammar, and where: a JSON pointer into the schema ("" = the root).</summary>
public sealed record SchemaProblem(string Pointer, string Message)
{
    public override string ToString() => $"#{Pointer}: {Message}";
}
