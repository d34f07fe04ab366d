namespace Batch.Cli.Running;

/// <summary>Command-line switches of <c>batch run</c> that are not part of the job.</summary>
/// <param name="Restart">Ignore any checkpoint and start the job over.</param>
public sealed record RunOptions(bool Restart = false);
