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
            UnitsSpike = { MinBaselineDays = 8 },
            Latency = { OperationP95MsAbove = { ["scan_everything"] = 100 } },
            Budget = { TenantMonthlyUsd = { ["acme"] = -1 } },
            Webhooks = [new WebhookOptions { Url = "ftp://example.com/hook" }],
        };
        var failures = new AlertsOptionsValidator().Validate(null, o).Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Alerts:LeaseSeconds must be longer than EvaluateEverySeconds"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Throttling:RetriedSharePercentAbove"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:UnitsSpike:MinBaselineDays") && f.Contains("keeps 7 days"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Latency:OperationP95MsAbove:scan_everything is not an operation"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Budget:TenantMonthlyUsd:acme"));
        Assert.Contains(failures, f => f.StartsWith("Alerts:Webhooks:0:Url"));
    }

    [Fact]
    public void Smtp_is_checked_only_when_a_host_is_set_and_then_names_each_bad_setting()
    {
        Assert.True(new AlertsOptionsValidator().Validate(null, new AlertsOptions { Smtp = { From = "not an address" } }).Succeeded);
        var o = new AlertsOptions { Smtp = { Host = "mail.example.com", Port = 0, From = "alerts at example", To = ["ops@example.com", "nobody"], Password = "p" } };
        var keys = AlertsOptionsValidator.Problems(o).Select(p => p.Key).ToList();
        Assert.Equal(["Smtp:Port", "Smtp:From", "Smtp:To:1", "Smtp:User"], keys);
        Assert.Contains(AlertsOptionsValidator.Problems(new AlertsOptions { Smtp = { Host = "h", From = "a@example.com" } }), p => p.Key == "Smtp:To");
        Assert.Empty(AlertsOptionsValidator.Problems(new AlertsOptions { Smtp = { Host = "h", From = "a@example.com", To = ["b@example.com"], User = "u", Password = "p" } }));
    }

    [Fact]
    public void Edited_rules_over_configuration_keep_the_hosts_settings_and_change_nothing_configured()
    {
        var configured = new AlertsOptions { EvaluateEverySeconds = 5, LeaseSeconds = 20, Webhooks = [new WebhookOptions { Url = "http://hooks.example.com/a" }], Budget = { TenantMonthlyUsd = { ["acme"] = 50 } } };
        var edited = AlertRuleSettings.From(configured);
        edited.Throttling.SurfacedAbove = null;
        edited.Budget.TenantMonthlyUsd["beta"] = 10;
        var effective = AlertRuleSettings.FromJson(edited.ToJson()).Over(configured);

        Assert.Null(effective.Throttling.SurfacedAbove);
        Assert.Equal(new Dictionary<string, decimal> { ["acme"] = 50, ["beta"] = 10 }, effective.Budget.TenantMonthlyUsd);
        Assert.Equal((5, 20, "http://hooks.example.com/a"), (effective.EvaluateEverySeconds, effective.LeaseSeconds, effective.Webhooks[0].Url));
        Assert.Equal(10, configured.Throttling.SurfacedAbove);
        Assert.Equal(["acme"], configured.Budget.TenantMonthlyUsd.Keys);
    }

    [Fact]
    public void The_forms_lists_take_name_equals_number_lines_and_name_each_bad_line()
    {
        var draft = Dashboard.Services.Alerts.AlertRulesDraft.Of(AlertRuleSettings.From(new AlertsOptions()));
        draft.TenantBudgets = "acme = 120.5\n\n beta=40 ";
        draft.ProviderBudgets = "DynamoDB: 300\nFauna = 1\nFauna = 2";
        draft.OperationLatency = "list_orders = fast";
        var problems = new List<AlertSettingProblem>();
        var settings = draft.ToSettings(problems);

        Assert.Equal(new Dictionary<string, decimal> { ["acme"] = 120.5m, ["beta"] = 40 }, settings.Budget.TenantMonthlyUsd);
        Assert.Equal(
            [("Budget:ProviderMonthlyUsd", "line 1 (“DynamoDB: 300”) must be “name = number”."), ("Budget:ProviderMonthlyUsd", "names “Fauna” twice."),
             ("Latency:OperationP95MsAbove", "line 1 (“list_orders = fast”) must be “name = number”.")],
            problems.Select(p => (p.Key, p.Why)));
    }
}
