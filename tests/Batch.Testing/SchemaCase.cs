namespace Batch.Testing;

/// <summary>A JSON Schema (as JSON text), outputs its grammar must accept, and outputs it must reject.</summary>
public sealed record SchemaCase(string Name, string Schema, string[] Accepted, string[] Rejected)
{
    public override string ToString() => Name;
}
