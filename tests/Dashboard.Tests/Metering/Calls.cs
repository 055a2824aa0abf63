using Dashboard.Core.Usage;

using Dashboard.Core.Stores;

using Dashboard.Operations.Metering;

namespace Dashboard.Tests.Metering;

/// <summary>Builds finished store calls as the metering decorator would report them.</summary>
internal static class Calls
{
    public static SeriesKey Series(string tenant = "t1", string provider = "DynamoDB", StoreOperation op = StoreOperation.GetUser) =>
        new(tenant, provider, op);

    public static StoreCall Finished(SeriesKey series, double ms, StoreOutcome outcome = StoreOutcome.Ok,
        IEnumerable<(UsageUnit Unit, double Amount)>? units = null, IEnumerable<(string Cause, bool Retried)>? throttles = null)
    {
        var usage = new CallUsage();
        foreach (var (unit, amount) in units ?? []) usage.Add(unit, amount);
        foreach (var (cause, retried) in throttles ?? []) usage.RecordThrottle(cause, retried);
        return new StoreCall(series, outcome, TimeSpan.FromMilliseconds(ms), usage);
    }
}
