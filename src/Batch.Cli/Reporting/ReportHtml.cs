using System.Globalization;
using System.Net;
using System.Text;

namespace Batch.Cli.Reporting;

/// <summary>
/// Renders a <see cref="RunReport"/> as one self-contained HTML page: inline CSS and SVG, no
/// scripts, fonts, images or links, so it opens offline. Every string from the job or the rows is
/// escaped; the markup is kept well-formed XML so tools (and tests) can parse it.
/// </summary>
public static class ReportHtml
{
    private const string Style = """
        body { font: 14px/1.45 system-ui, sans-serif; color: #1f2328; margin: 2rem auto; max-width: 980px; padding: 0 1rem; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
        .job { font-family: ui-monospace, monospace; color: #57606a; word-break: break-all; margin: 0; }
        .outcome { font-weight: 600; }
        .outcome.stopped { color: #9a6700; }
        .totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: .5rem; margin: 1rem 0; }
        .totals div { background: #f6f8fa; border-radius: 6px; padding: .5rem .75rem; }
        .totals dt { color: #57606a; font-size: .8rem; }
        .totals dd { margin: 0; font-size: 1.1rem; font-weight: 600; }
        figure { margin: 1rem 0; }
        figcaption { font-weight: 600; }
        svg.chart { width: 100%; height: auto; max-width: 720px; }
        svg .grid { stroke: #eaeef2; }
        svg .axis, svg .tick-mark { stroke: #57606a; }
        svg text { font-size: 11px; fill: #57606a; }
        svg .line { fill: none; stroke-width: 1.5; stroke-linejoin: round; }
        .s0 { stroke: #0969da; fill: #0969da; }
        .s1 { stroke: #cf222e; fill: #cf222e; }
        svg polyline.s0, svg polyline.s1 { fill: none; }
        table { border-collapse: collapse; margin: .5rem 0; }
        th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        code, .examples { font-family: ui-monospace, monospace; font-size: .85rem; }
        .examples { margin: 0; padding-left: 1rem; }
        footer { margin-top: 2rem; color: #57606a; font-size: .8rem; }
        """;

    /// <summary>The whole page.</summary>
    public static string Render(RunReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        html.Append("<title>").Append(E($"batch run report: {Path.GetFileName(report.JobFile)}")).Append("</title>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        AppendHeader(html, report);
        AppendCharts(html, report);
        AppendSettings(html, report.Settings);
        AppendErrors(html, report.Errors);
        if (report.Workers.Count > 1) AppendWorkers(html, report.Workers);
        html.Append(CultureInfo.InvariantCulture,
            $"<footer>report format {report.Version}; {report.Samples.Count} samples, one per {N(report.SampleIntervalSeconds)} s</footer>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendHeader(StringBuilder html, RunReport report)
    {
        var t = report.Totals;
        html.Append("<header>\n<h1>Run report</h1>\n<p class=\"job\">").Append(E(report.JobFile)).Append("</p>\n");
        html.Append("<p><span class=\"outcome ").Append(E(report.Outcome)).Append("\">").Append(E(report.Outcome)).Append("</span> · started ")
            .Append(E(report.StartedAt.ToString("u", CultureInfo.InvariantCulture))).Append(" · ")
            .Append(E(SvgLineChart.FormatDuration(t.WallSeconds))).Append(" wall</p>\n</header>\n<dl class=\"totals\">\n");
        Total(html, "rows ok", N(t.RowsOk));
        Total(html, "rows failed", N(t.RowsFailed));
        if (t.RowsSkipped > 0) Total(html, "rows skipped (resumed)", N(t.RowsSkipped));
        Total(html, "prompt tokens", N(t.PromptTokens));
        Total(html, "generated tokens", N(t.GeneratedTokens));
        Total(html, "generated tok/s", N(t.GeneratedTokensPerSecond, "0.0"));
        Total(html, "wall seconds", N(t.WallSeconds, "0.0"));
        Total(html, "steps", N(t.Steps));
        Total(html, "sequences per step", $"{N(t.MeanSequencesPerStep, "0.0")} mean, {N(t.MaxSequencesPerStep)} max");
        Total(html, "peak KV blocks", $"{N(t.PeakKvBlocks)} of {N(t.KvBlocks)} ({N(t.BlockSize)} tokens each)");
        Total(html, "preemptions", N(t.Preemptions));
        Total(html, "shared prefix", t.PrefixTokens == 0 ? "none"
            : $"{N(t.PrefixTokens)} tokens, computed {N(t.PrefixComputations)}×, copied {N(t.PrefixCopies)}×, {N(t.PrefixHitTokens)} prompt tokens reused");
        html.Append("</dl>\n");
    }

    private static void Total(StringBuilder html, string name, string value) =>
        html.Append("<div><dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd></div>\n");

    private static void AppendCharts(StringBuilder html, RunReport report)
    {
        var s = report.Samples;
        var seconds = s.Select(p => p.ElapsedSeconds).ToArray();
        ChartSeries Line(string name, Func<RunSample, double> value) => new(name, [.. s.Select(value)]);
        html.Append("<h2>Over time</h2>\n");
        Figure(html, "Rows done", "rows", seconds, [Line("rows done", p => p.RowsDone), Line("rows failed", p => p.RowsFailed)]);
        Figure(html, "Generated tokens per second", "tok/s", seconds, [Line("generated tok/s", p => p.GeneratedTokensPerSecond)]);
        Figure(html, "Running sequences and waiting rows", "sequences", seconds,
            [Line("running sequences", p => p.RunningSequences), Line("waiting rows", p => p.WaitingRows)]);
        Figure(html, "KV blocks used", "blocks", seconds, [Line("KV blocks used", p => p.KvBlocksUsed)], report.Totals.KvBlocks);
        Figure(html, "Preemptions", "preemptions", seconds, [Line("preemptions", p => p.Preemptions)]);
    }

    private static void Figure(StringBuilder html, string title, string yLabel, double[] seconds, ChartSeries[] series, double minYMax = 0) =>
        html.Append("<figure>\n<figcaption>").Append(E(title)).Append("</figcaption>\n")
            .Append(SvgLineChart.Render(title, yLabel, seconds, series, minYMax)).Append("\n</figure>\n");

    private static void AppendSettings(StringBuilder html, ReportSettings s)
    {
        var g = s.Generation;
        (string, string)[] rows =
        [
            ("model.path", s.Model.Path),
            ("model.context", s.Model.Context == 0 ? "0 (the model's training context)" : N(s.Model.Context)),
            ("model.threads", s.Model.Threads == 0 ? "0 (every core)" : N(s.Model.Threads)),
            ("scheduler.max_sequences", N(s.Scheduler.MaxSequences)),
            ("scheduler.max_batch_tokens", N(s.Scheduler.MaxBatchTokens)),
            ("generation.max_tokens", N(g.MaxTokens)),
            ("generation.temperature", N(g.Temperature, "0.###")),
            ("generation.top_k", N(g.TopK)),
            ("generation.top_p", N(g.TopP, "0.###")),
            ("generation.min_p", N(g.MinP, "0.###")),
            ("generation.repeat_penalty", N(g.RepeatPenalty, "0.###")),
            ("generation.seed", N(g.Seed)),
            ("generation.stop", string.Join(", ", g.Stop.Select(x => $"\"{x}\""))),
            ("generation.ignore_eos", g.IgnoreEos ? "true" : "false"),
            ("kv.cache_type", s.Kv.CacheType.Name),
            ("kv.prefix_sharing", s.Kv.PrefixSharing ? "true" : "false"),
            ("kv.block_size", N(s.Kv.BlockSize)),
            ("kv.memory_budget_bytes", s.Kv.MemoryBudgetBytes is { } budget ? N(budget) : "none"),
            ("input.paths", string.Join(", ", s.InputPaths)),
            ("output.path", s.OutputPath),
        ];
        html.Append("<h2>Job settings</h2>\n<table class=\"settings\">\n<tr><th>setting</th><th>value</th></tr>\n");
        foreach (var (name, value) in rows)
            html.Append("<tr><td><code>").Append(E(name)).Append("</code></td><td>").Append(E(value)).Append("</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void AppendErrors(StringBuilder html, ErrorSummary errors)
    {
        html.Append("<h2>Errors</h2>\n");
        if (errors.TotalCount == 0)
        {
            html.Append("<p>No error rows.</p>\n");
            return;
        }
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{Count(errors.TotalCount, "error row")} for {Count(errors.Reasons.Count, "reason")}.</p>\n");
        html.Append("<table class=\"errors\">\n<tr><th>reason</th><th>rows</th><th>first examples</th></tr>\n");
        foreach (var reason in errors.Reasons)
        {
            html.Append("<tr><td>").Append(E(reason.Reason)).Append("</td><td class=\"num\">").Append(N(reason.Count))
                .Append("</td><td><ul class=\"examples\">");
            foreach (var x in reason.Examples)
                html.Append("<li>").Append(E($"{x.Source}:{x.Line.ToString(CultureInfo.InvariantCulture)}: {x.Message}")).Append("</li>");
            html.Append("</ul></td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void AppendWorkers(StringBuilder html, IReadOnlyList<WorkerReport> workers)
    {
        html.Append("<h2>Workers</h2>\n<table class=\"workers\">\n<tr><th>worker</th><th>steps</th><th>mean sequences per step</th>")
            .Append("<th>max sequences per step</th><th>peak KV blocks</th><th>preemptions</th></tr>\n");
        foreach (var w in workers)
        {
            html.Append("<tr><td class=\"num\">").Append(N(w.Index)).Append("</td><td class=\"num\">").Append(N(w.Steps))
                .Append("</td><td class=\"num\">").Append(N(w.MeanSequencesPerStep, "0.0"))
                .Append("</td><td class=\"num\">").Append(N(w.MaxSequencesPerStep))
                .Append("</td><td class=\"num\">").Append(E($"{N(w.PeakKvBlocks)} of {N(w.KvBlocks)}"))
                .Append("</td><td class=\"num\">").Append(N(w.Preemptions)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string N(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long count, string noun) => $"{N(count)} {noun}{(count == 1 ? "" : "s")}";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
