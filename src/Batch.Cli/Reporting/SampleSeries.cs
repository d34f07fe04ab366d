namespace Batch.Cli.Reporting;

/// <summary>
/// A time series that never holds more than a fixed number of points, so a long run's memory
/// stays flat: when it fills up, neighbouring points are merged in pairs and from then on each
/// new point stands for twice as many ticks, which keeps the spacing even. Not thread-safe.
/// </summary>
public sealed class SampleSeries
{
    /// <summary>One point per second for the first hour; coarser after that.</summary>
    public const int DefaultMaxPoints = 3600;

    private readonly int _maxPoints;
    private readonly List<RunSample> _points;
    private RunSample? _pending;
    private int _pendingTicks;

    public SampleSeries(int maxPoints = DefaultMaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        _maxPoints = maxPoints;
        _points = new List<RunSample>(maxPoints);
    }

    /// <summary>Ticks each stored point stands for: 1 until the first merge, then doubling at each.</summary>
    public int TicksPerPoint { get; private set; } = 1;

    /// <summary>Ticks added so far.</summary>
    public long TickCount { get; private set; }

    /// <summary>Adds one tick's sample.</summary>
    public void Add(RunSample sample)
    {
        TickCount++;
        _pending = _pending is null ? sample : _pending.MergeWith(sample);
        if (++_pendingTicks < TicksPerPoint) return;
        _points.Add(_pending);
        _pending = null;
        _pendingTicks = 0;
        if (_points.Count >= _maxPoints) MergePairs();
    }

    /// <summary>The points so far, the last one possibly covering fewer ticks than the rest.</summary>
    public IReadOnlyList<RunSample> Snapshot() => _pending is null ? [.. _points] : [.. _points, _pending];

    private void MergePairs()
    {
        var count = _points.Count;
        for (var i = 0; i < count / 2; i++) _points[i] = _points[2 * i].MergeWith(_points[2 * i + 1]);
        if (count % 2 == 1) _points[count / 2] = _points[count - 1];
        _points.RemoveRange((count + 1) / 2, count / 2);
        TicksPerPoint *= 2;
    }
}
