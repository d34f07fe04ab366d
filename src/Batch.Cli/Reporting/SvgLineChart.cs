using System.Globalization;
using System.Net;
using System.Text;

namespace Batch.Cli.Reporting;

/// <summary>
/// Draws a line chart as inline SVG (axes, grid, tick labels, one polyline per series, a legend),
/// so the report needs no script or library to show it.
/// </summary>
public static class SvgLineChart
{
    private const double Width = 720, Height = 240;
    private const double Left = 64, Right = 16, Top = 28, Bottom = 40;
    private const double PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;
    private const int Ticks = 4;

    /// <summary>The chart's <c>&lt;svg&gt;</c> element; <paramref name="minYMax"/> raises the y axis (e.g. to a capacity).</summary>
    public static string Render(string title, string yLabel, IReadOnlyList<double> seconds, IReadOnlyList<ChartSeries> series, double minYMax = 0)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>");
        var xMax = NiceDurationCeiling(seconds.Count == 0 ? 0 : seconds.Max());
        var yMax = NiceCeiling(Math.Max(minYMax, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max()));
        AppendAxes(svg, xMax, yMax, yLabel);
        if (seconds.Count == 0)
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"empty\" x=\"{Left + PlotWidth / 2}\" y=\"{Top + PlotHeight / 2}\" text-anchor=\"middle\">no samples</text>");
        for (var i = 0; i < series.Count && seconds.Count > 0; i++)
            AppendLine(svg, i, seconds, series[i].Values, xMax, yMax);
        if (series.Count > 1) AppendLegend(svg, series);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void AppendAxes(StringBuilder svg, double xMax, double yMax, string yLabel)
    {
        for (var i = 0; i <= Ticks; i++)
        {
            var value = yMax * i / Ticks;
            var y = Y(value, yMax);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Left + PlotWidth}\" y2=\"{F(y)}\" />");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{FormatValue(value)}</text>");
        }
        for (var i = 0; i <= Ticks; i++)
        {
            var value = xMax * i / Ticks;
            var x = X(value, xMax);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"tick-mark\" x1=\"{F(x)}\" y1=\"{Top + PlotHeight}\" x2=\"{F(x)}\" y2=\"{Top + PlotHeight + 4}\" />");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"tick\" x=\"{F(x)}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"middle\">{FormatDuration(value)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + PlotHeight}\" />");
        svg.Append(CultureInfo.InvariantCulture,
            $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + PlotHeight}\" x2=\"{Left + PlotWidth}\" y2=\"{Top + PlotHeight}\" />");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"label\" x=\"{Left + PlotWidth / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\">elapsed</text>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"label\" transform=\"rotate(-90)\" x=\"{-(Top + PlotHeight / 2)}\" y=\"14\" text-anchor=\"middle\">{Escape(yLabel)}</text>");
    }

    private static void AppendLine(StringBuilder svg, int index, IReadOnlyList<double> seconds, IReadOnlyList<double> values, double xMax, double yMax)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line s{index}\" points=\"");
        var count = Math.Min(seconds.Count, values.Count);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) svg.Append(' ');
            svg.Append(F(X(seconds[i], xMax))).Append(',').Append(F(Y(values[i], yMax)));
        }
        svg.Append("\" />");
    }

    private static void AppendLegend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var x = Left;
        for (var i = 0; i < series.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"swatch s{i}\" x=\"{x}\" y=\"8\" width=\"12\" height=\"12\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"legend\" x=\"{x + 16}\" y=\"18\">{Escape(series[i].Name)}</text>");
            x += 28 + 7 * series[i].Name.Length;
        }
    }

    private static double X(double seconds, double xMax) => Left + PlotWidth * seconds / xMax;

    private static double Y(double value, double yMax) => Top + PlotHeight * (1 - value / yMax);

    /// <summary>The smallest 1, 2 or 5 × 10^k times <see cref="Ticks"/> at or above <paramref name="value"/>, so tick labels are round.</summary>
    internal static double NiceCeiling(double value)
    {
        if (!(value > 0) || double.IsInfinity(value)) return Ticks;
        var rough = value / Ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough * (1 - 1e-9));
        return step * Ticks;
    }

    /// <summary>Like <see cref="NiceCeiling"/> but in clock steps (15 s, 1 min, 5 min, 1 h…), so time labels are round.</summary>
    internal static double NiceDurationCeiling(double seconds)
    {
        double[] steps = [1, 2, 5, 10, 15, 20, 30, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 3600, 5400, 7200, 10800, 14400, 21600, 43200, 86400];
        var rough = seconds / Ticks;
        var step = steps.FirstOrDefault(s => s >= rough);
        return step > 0 ? step * Ticks : NiceCeiling(seconds / 86400) * 86400;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string FormatValue(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1_000).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };

    internal static string FormatDuration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
