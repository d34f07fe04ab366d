using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Batch.Cli.Jobs;

/// <summary>
/// A YAML parser that remembers positions YamlDotNet's own errors lack: where the last good event ended
/// (some scanner failures carry none), and the first alias to an undefined anchor (resolved only at document end).
/// </summary>
internal sealed class TrackingParser(TextReader reader) : IParser
{
    private readonly Parser inner = new(reader);
    private readonly HashSet<string> anchors = new(StringComparer.Ordinal);

    public Mark LastGoodEnd { get; private set; } = Mark.Empty;

    public Mark? FirstUnknownAlias { get; private set; }

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (inner.Current is { } previous)
        {
            LastGoodEnd = previous.End;
        }
        if (!inner.MoveNext())
        {
            return false;
        }
        switch (inner.Current)
        {
            case AnchorAlias alias when FirstUnknownAlias is null && !anchors.Contains(alias.Value.Value):
                FirstUnknownAlias = alias.Start;
                break;
            case NodeEvent { Anchor.IsEmpty: false } node:
                anchors.Add(node.Anchor.Value);
                break;
        }
        return true;
    }
}
