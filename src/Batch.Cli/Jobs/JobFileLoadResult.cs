using System.Diagnostics.CodeAnalysis;
using Batch.Core.Jobs;

namespace Batch.Cli.Jobs;

/// <summary>The outcome of loading a job file: a valid <see cref="JobSpec"/>, or every error found in it.</summary>
public sealed record JobFileLoadResult
{
    private JobFileLoadResult(JobSpec? job, IReadOnlyList<JobFileError> errors)
    {
        Job = job;
        Errors = errors;
    }

    /// <summary>The validated job; null exactly when there are errors.</summary>
    public JobSpec? Job { get; }

    /// <summary>Every problem found, in file order; empty on success.</summary>
    public IReadOnlyList<JobFileError> Errors { get; }

    /// <summary>True when the file is valid and <see cref="Job"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Job))]
    public bool IsSuccess => Job is not null;

    /// <summary>Writes every error, one per line (file:line:column: message); true when there were none.</summary>
    [MemberNotNullWhen(true, nameof(Job))]
    public bool ReportErrors(TextWriter writer)
    {
        foreach (var error in Errors) writer.WriteLine(error.ToString());
        return IsSuccess;
    }

    /// <summary>A valid job.</summary>
    public static JobFileLoadResult Success(JobSpec job) => new(job, []);

    /// <summary>An invalid job file; <paramref name="errors"/> must not be empty.</summary>
    public static JobFileLoadResult Failure(IReadOnlyList<JobFileError> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        return new(null, errors);
    }
}
