using System.Globalization;
namespace Dashboard.Services.Alerts;

/// <summary>An SVG polyline for a small chart of a metric's recent points, scaled into a width × height box (no JS, no chart component per row).</summary>
public static class Sparkline
{
    public static string Points(IReadOnlyList<double> values, double width, double height)
    {
        if (values.Count == 0) return "";
        var max = values.Max();
        var min = Math.Min(0, values.Min());
        var span = max - min is > 0 and var s ? s : 1;
        var step = values.Count == 1 ? 0 : width / (values.Count - 1);
        return string.Join(' ', values.Select((v, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{i * step:0.#},{height - 1 - (v - min) / span * (height - 2):0.#}")));
    }
}
