using Batch.Engine.Pipeline;
using Batch.Engine.Workers;

namespace Batch.Cli.Running;

/// <summary>
/// Prints progress to stderr: one line rewritten in place on a terminal, plain periodic lines
/// otherwise (logs and CI). Rows done/failed, tokens/s, running sequences, ETA when the total is known.
/// </summary>
public sealed class ProgressReporter(RunCounters counters, IReadOnlyList<WorkerMetrics> workers, TextWriter output, bool isTerminal, TimeProvider time)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var period = isTerminal ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(5);
        var started = time.GetTimestamp();
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                Print(time.GetElapsedTime(started));
        }
        catch (OperationCanceledException)
        {
        }
        if (isTerminal) output.WriteLine();
    }

    private void Print(TimeSpan elapsed)
    {
        var line = Format(elapsed);
        if (isTerminal) output.Write("\r" + line.PadRight(Math.Max(0, SafeWidth() - 1)));
        else output.WriteLine(line);
        output.Flush();
    }

    /// <summary>One progress line.</summary>
    public string Format(TimeSpan elapsed)
    {
        var doneNow = counters.RowsDone;
        var done = doneNow + counters.RowsSkipped;
        var tokensPerSecond = elapsed.TotalSeconds > 0 ? counters.CompletionTokens / elapsed.TotalSeconds : 0;
        var running = workers.Sum(w => w.Running);
        var waiting = workers.Sum(w => w.Waiting);
        var kv = workers.Sum(w => w.TotalBlocks) is > 0 and var total ? $" kv {100.0 * workers.Sum(w => w.UsedBlocks) / total:0}%" : "";
        var rows = counters.RowsTotal is { } t ? $"{done}/{t} rows" : $"{done} rows";
        var eta = counters.RowsTotal is { } all && doneNow > 0 && all > done
            ? $" eta {FormatDuration(elapsed * ((double)(all - done) / doneNow))}"
            : "";
        var preempted = workers.Sum(w => w.Preemptions) is > 0 and var p ? $" preempted {p}" : "";
        var perWorker = workers.Count > 1
            ? " | " + string.Join(" ", workers.Select((w, i) => $"w{i} {w.Running}/{w.Waiting}{(w.Restarts > 0 ? $" r{w.Restarts}" : "")}"))
            : "";
        return $"[{FormatDuration(elapsed)}] {rows} ({counters.RowsFailed} failed) | {tokensPerSecond:0} tok/s | running {running} waiting {waiting}{kv}{preempted}{eta}{perWorker}";
    }

    private static string FormatDuration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : $"{t.Minutes:00}:{t.Seconds:00}";

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
