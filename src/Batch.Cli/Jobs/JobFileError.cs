namespace Batch.Cli.Jobs;

/// <summary>One problem in a job file, at a 1-based line and column (both 0 when it concerns the whole file).</summary>
public sealed record JobFileError(string File, int Line, int Column, string Message)
{
    /// <summary>Compiler-style <c>file:line:column: message</c>, which editors and CI logs can link.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
