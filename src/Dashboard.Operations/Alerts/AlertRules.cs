using Dashboard.Core.Alerts;

namespace Dashboard.Operations.Alerts;

/// <summary>
/// The rules evaluation uses: configuration, with Ops' stored edit (if any) in place of its rules. Each round asks the
/// store only for its version and reloads when it moved, so every instance evaluates an edit from its next round on.
/// A stored edit the current configuration makes invalid (say a removed operation) is ignored, loudly.
/// Without an app store (a host without one) the configured rules apply.
/// </summary>
public sealed class AlertRules(IOptionsMonitor<AlertsOptions> configured, ILogger<AlertRules> log, IAlertRulesStore? store = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Version, AlertsOptions Configured, AlertsOptions Effective)? _cache;

    public async Task<AlertsOptions> CurrentAsync(CancellationToken ct)
    {
        var config = configured.CurrentValue;
        if (store is null) return config;
        var version = await store.VersionAsync(ct);
        if (_cache is { } hit && hit.Version == version && ReferenceEquals(hit.Configured, config)) return hit.Effective;
        await _gate.WaitAsync(ct);
        try
        {
            var stored = version == 0 ? null : await store.LoadAsync(ct);
            var effective = stored is null ? config : Merge(stored, config);
            _cache = (stored?.Version ?? 0, config, effective);
            return effective;
        }
        finally
        {
            _gate.Release();
        }
    }

    private AlertsOptions Merge(StoredAlertRules stored, AlertsOptions config)
    {
        try
        {
            var effective = AlertRuleSettings.FromJson(stored.Json).Over(config);
            var problems = AlertsOptionsValidator.Problems(effective);
            if (problems.Count == 0) return effective;
            log.LogError("The alert rules saved by {By} (version {Version}) are not valid under the current configuration; the configured rules apply: {Problems}",
                stored.UpdatedBy, stored.Version, string.Join(" ", problems));
        }
        catch (System.Text.Json.JsonException e)
        {
            log.LogError(e, "The stored alert rules (version {Version}) could not be read; the configured rules apply", stored.Version);
        }
        return config;
    }
}
