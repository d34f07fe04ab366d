using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Batch.Cli.Jobs;

/// <summary>Collects the errors of one job file so that a single pass reports all of them.</summary>
internal sealed class JobFileErrorList(string file)
{
    private readonly List<JobFileError> errors = [];

    public string File { get; } = file;

    public int Count => errors.Count;

    public void Add(YamlNode node, string message) => Add(node.Start, message);

    public void Add(Mark mark, string message) =>
        errors.Add(new JobFileError(File, ToInt(mark.Line), ToInt(mark.Column), message));

    /// <summary>Errors sorted by position, so the report reads top to bottom whatever order the checks ran in.</summary>
    public IReadOnlyList<JobFileError> ToSortedList() =>
        errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToArray();

    private static int ToInt(long value) => (int)Math.Clamp(value, 0, int.MaxValue);
}
