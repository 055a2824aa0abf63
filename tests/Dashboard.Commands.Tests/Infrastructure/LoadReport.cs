using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Commands.Tests.Infrastructure;

/// <summary>The figures the load tool prints (src/Dashboard.LoadTool/Report.cs), read back from its output.</summary>
public sealed partial record LoadReport(
    long Started, long Completed, long Skipped, IReadOnlyDictionary<string, long> Outcomes,
    IReadOnlyDictionary<string, long> CallsByOperation, long ThrottlesRetried, long ThrottlesSurfaced, bool HasCost)
{
    public static LoadReport Parse(string output)
    {
        var run = RunLine().Match(output);
        Assert.True(run.Success, $"No 'started …, completed …' line in the load tool's output:\n{output}");
        var outcomes = OutcomesLine().Match(output);
        Assert.True(outcomes.Success, $"No 'outcomes:' line:\n{output}");
        var throttles = ThrottlesLine().Match(output);
        Assert.True(throttles.Success, $"No 'throttles:' line:\n{output}");
        return new LoadReport(
            Number(run.Groups["started"].Value), Number(run.Groups["completed"].Value), Number(run.Groups["skipped"].Value),
            outcomes.Groups["list"].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries)
                .Select(o => o.Split(' ')).ToDictionary(o => o[0], o => Number(o[1])),
            OperationRow().Matches(output).ToDictionary(m => m.Groups["op"].Value, m => Number(m.Groups["calls"].Value)),
            Number(throttles.Groups["retried"].Value), Number(throttles.Groups["surfaced"].Value),
            output.Contains("cost of this run", StringComparison.Ordinal));
    }

    public long Outcome(string name) => Outcomes.GetValueOrDefault(name);

    private static long Number(string text) => long.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^started (?<started>[\d,]+), completed (?<completed>[\d,]+) in [\d.]+ s \([\d.]+/s\), skipped (?<skipped>[\d,]+)", RegexOptions.Multiline)]
    private static partial Regex RunLine();

    [GeneratedRegex(@"^outcomes: (?<list>.*)$", RegexOptions.Multiline)]
    private static partial Regex OutcomesLine();

    [GeneratedRegex(@"^throttles: (?<retried>[\d,]+) retried, (?<surfaced>[\d,]+) surfaced", RegexOptions.Multiline)]
    private static partial Regex ThrottlesLine();

    /// <summary>A row of the operations table: name, calls, then the figures.</summary>
    [GeneratedRegex(@"^(?<op>[a-z_]+)\s+(?<calls>[\d,]+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+ %", RegexOptions.Multiline)]
    private static partial Regex OperationRow();
}
