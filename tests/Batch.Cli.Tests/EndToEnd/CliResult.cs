namespace Batch.Cli.Tests.EndToEnd;

/// <summary>What a CLI child process did.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
