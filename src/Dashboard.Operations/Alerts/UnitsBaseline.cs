using Dashboard.Core.Alerts;

namespace Dashboard.Operations.Alerts;

/// <summary>How much same-hour history the units spike rule has: days of the last <see cref="UnitsBaseline.Days"/> with a figure for this hour.</summary>
public sealed record BaselineStatus(int DaysWithData, int Days, bool Kept)
{
    public string Text => !Kept ? "baseline: not kept (this host has no app store)"
        : DaysWithData >= Days ? $"baseline: {DaysWithData} of {Days} days"
        : $"baseline: {DaysWithData} of {Days} days (still building)";
}

/// <summary>
/// The units spike rule's baseline: each tenant's units per minute in each whole hour of the last week, in the app store
/// (<see cref="IUnitsBaselineStore"/>). The evaluator, once per fleet, rolls each hour into it as the hour completes
/// (from the same figures the rule judges: this instance's, or the fleet's from Prometheus) and prunes what is older
/// than the week; the rule compares the last minute with the median of the same hour on the days before.
/// </summary>
public sealed class UnitsBaseline(IAlertInputs inputs, TenantRegistry tenants, TimeProvider clock, ILogger<UnitsBaseline> log, IUnitsBaselineStore? store = null)
{
    public const int Days = 7;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _rolled;
    private (DateTimeOffset Hour, IReadOnlyDictionary<string, IReadOnlyList<double>> PerTenant, int Days)? _sameHour;

    public static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    /// <summary>
    /// Keeps the last whole hour's units of every registered tenant (0 for one without calls) unless the store has that
    /// hour already (or another instance keeps it first), then removes hours older than the week. Once per hour; a failure is tried again next round.
    /// </summary>
    public async Task RollAsync(CancellationToken ct)
    {
        if (store is null) return;
        var hour = HourOf(clock.GetUtcNow()).AddHours(-1);
        if (_rolled == hour) return;
        if (!await store.HasHourAsync(hour, ct))
        {
            var units = await inputs.HourUnitsAsync(hour, ct);
            if (units is null)
                log.LogInformation("Units baseline: the hour from {Hour:HH:mm} UTC is not whole in {Scope}'s figures; not kept", hour, inputs.Scope);
            else
                await store.AddHourAsync(hour, tenants.All.Select(t => t.Id).ToList(), units, ct);
        }
        var pruned = await store.PruneAsync(hour.AddDays(-Days), ct);
        if (pruned > 0) log.LogInformation("Units baseline: removed {Rows} tenant-hours older than {Days} days", pruned, Days);
        _rolled = hour;
    }

    /// <summary>
    /// Per tenant, units per minute in the hour of <paramref name="minute"/> on each of the previous <see cref="Days"/>
    /// days that have a figure (oldest first). Read once per hour: those days do not change within it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<double>>> SameHourAsync(DateTimeOffset minute, CancellationToken ct) =>
        (await LoadAsync(HourOf(minute), ct)).PerTenant;

    /// <summary>For the alerts page: how many of the previous days have a figure for the current hour.</summary>
    public async Task<BaselineStatus> StatusAsync(CancellationToken ct) =>
        store is null ? new BaselineStatus(0, Days, false) : new BaselineStatus((await LoadAsync(HourOf(clock.GetUtcNow()), ct)).Days, Days, true);

    private async Task<(IReadOnlyDictionary<string, IReadOnlyList<double>> PerTenant, int Days)> LoadAsync(DateTimeOffset hour, CancellationToken ct)
    {
        if (_sameHour is { } hit && hit.Hour == hour) return (hit.PerTenant, hit.Days);
        if (store is null) return (new Dictionary<string, IReadOnlyList<double>>(), 0);
        await _gate.WaitAsync(ct);
        try
        {
            if (_sameHour is { } again && again.Hour == hour) return (again.PerTenant, again.Days);
            var hours = Enumerable.Range(1, Days).Select(d => hour.AddDays(-d)).ToList();
            var rows = await store.ReadAsync(hours, ct);
            var perTenant = rows.GroupBy(r => r.Tenant, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<double>)g.OrderBy(r => r.Hour).Select(r => r.Units / 60).ToList(), StringComparer.Ordinal);
            var days = rows.Select(r => r.Hour).Distinct().Count();
            _sameHour = (hour, perTenant, days);
            return (perTenant, days);
        }
        finally
        {
            _gate.Release();
        }
    }
}
