using Dashboard.Operations.Alerts;

namespace Dashboard.Tests.Alerts;

public sealed class AlertsOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new AlertsOptionsValidator().Validate(null, new AlertsOptions()).Succeeded);
    }

    [Fact]
    public void Settings_that_cannot_work_are_named_with_their_key()
    {
        var o = new AlertsOptions
        {
            LeaseSeconds = 10,
            EvaluateEverySeconds = 15,
            Throttling = { RetriedSharePercentAbove = 120 },
            UnitsSpike = { HistoryMinutes = 7 * 24 * 60 },
            Latency = { OperationP95MsAbove = { ["scan_everything"] = 100 } },
            Budget = { TenantMonthlyUsd = { ["acme"] = -1 } },
            Webhooks = [new WebhookOptions { Url = "ftp://example.com/hook" }],
        };
        var failures = new AlertsOptionsValidator().Validate(null, o).Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Alerts:LeaseSeconds must be longer than EvaluateEverySeconds"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Throttling:RetriedSharePercentAbove"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:UnitsSpike:HistoryMinutes") && f.Contains("keeps 1440 minutes"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Latency:OperationP95MsAbove:scan_everything is not an operation"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Budget:TenantMonthlyUsd:acme"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Webhooks:0:Url"));
    }
}
