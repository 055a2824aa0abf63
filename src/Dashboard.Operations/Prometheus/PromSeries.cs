namespace Dashboard.Operations.Prometheus;

/// <summary>One series of an instant query's answer: its labels and value.</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => Labels.TryGetValue(name, out var v) ? v : "";
}

/// <summary>One series of a range query's answer: its labels and (time, value) points, oldest first.</summary>
public sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset At, double Value)> Points)
{
    public string Label(string name) => Labels.TryGetValue(name, out var v) ? v : "";
}
