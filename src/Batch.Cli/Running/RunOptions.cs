namespace Batch.Cli.Running;

/// <summary>Command-line switches of <c>batch run</c> that are not part of the job.</summary>
/// <param name="Restart">Ignore any checkpoint and start the job over.</param>
/// <param name="ReportFolder">Write report.json and report.html here (relative to the working directory).</param>
/// <param name="JobFile">The job file, named in the report.</param>
public sealed record RunOptions(bool Restart = false, string? ReportFolder = null, string? JobFile = null);
