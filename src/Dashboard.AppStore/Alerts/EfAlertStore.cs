using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Alerts;
using Dashboard.Core.Errors;

namespace Dashboard.AppStore.Alerts;

/// <summary>The fleet's alerts in the app store (<see cref="IAlertStore"/>), on SQLite or MySQL alike.</summary>
public sealed class EfAlertStore(IDbContextFactory<AppStoreDbContext> contexts) : IAlertStore
{
    public const int SummaryLength = 400;
    public const int NoteLength = 500;

    public async Task<AlertRecord?> OpenAsync(AlertRecord alert, CancellationToken ct)
    {
        var row = new AlertRow
        {
            Key = alert.Key, OpenKey = alert.Key, Rule = alert.Rule, Subject = alert.Subject, Tenant = alert.Tenant,
            State = nameof(AlertState.Firing), FiredAtUnixMs = alert.FiredAt.ToUnixTimeMilliseconds(),
            LastBreachAtUnixMs = alert.LastBreachAt.ToUnixTimeMilliseconds(), Value = alert.Value, Threshold = alert.Threshold,
            Summary = Clip(alert.Summary, SummaryLength), SparklineJson = JsonSerializer.Serialize(alert.Sparkline), Version = 1,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Alerts.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique open key: an alert for this key is already open. Anything else is a real failure.
            if (await IsOpenAsync(alert.Key, ct)) return null;
            throw;
        }
        return ToRecord(row);
    }

    public async Task ObserveAsync(long id, AlertObservation o, CancellationToken ct)
    {
        var summary = Clip(o.Summary, SummaryLength);
        var sparkline = JsonSerializer.Serialize(o.Sparkline);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var open = db.Alerts.Where(r => r.Id == id && r.OpenKey != null);
        if (o.BreachedAt is { } at)
        {
            var ms = at.ToUnixTimeMilliseconds();
            await open.ExecuteUpdateAsync(u => u.SetProperty(r => r.Value, o.Value).SetProperty(r => r.Summary, summary)
                .SetProperty(r => r.SparklineJson, sparkline).SetProperty(r => r.LastBreachAtUnixMs, ms), ct);
        }
        else
        {
            await open.ExecuteUpdateAsync(u => u.SetProperty(r => r.Value, o.Value).SetProperty(r => r.Summary, summary)
                .SetProperty(r => r.SparklineJson, sparkline), ct);
        }
    }

    public async Task<bool> ResolveAsync(long id, DateTimeOffset at, CancellationToken ct)
    {
        var ms = at.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Alerts.Where(r => r.Id == id && r.OpenKey != null).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.OpenKey, (string?)null)
            .SetProperty(r => r.State, nameof(AlertState.Resolved))
            .SetProperty(r => r.ResolvedAtUnixMs, ms)
            .SetProperty(r => r.Version, r => r.Version + 1), ct) == 1;
    }

    public async Task<AlertRecord> AcknowledgeAsync(long id, long expectedVersion, string by, string note, DateTimeOffset at, CancellationToken ct)
    {
        var ms = at.ToUnixTimeMilliseconds();
        var clipped = Clip(note.Trim(), NoteLength);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var changed = await db.Alerts.Where(r => r.Id == id && r.Version == expectedVersion && r.OpenKey != null).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.State, nameof(AlertState.Acknowledged))
            .SetProperty(r => r.AcknowledgedBy, by)
            .SetProperty(r => r.AcknowledgedNote, clipped)
            .SetProperty(r => r.AcknowledgedAtUnixMs, ms)
            .SetProperty(r => r.Version, r => r.Version + 1), ct);
        var row = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException("Alert", id.ToString(CultureInfo.InvariantCulture));
        if (changed == 0) throw new ConflictException("Alert", id.ToString(CultureInfo.InvariantCulture), expectedVersion);
        return ToRecord(row);
    }

    public async Task<bool> ClaimNotificationAsync(long id, DateTimeOffset at, CancellationToken ct)
    {
        var ms = at.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Alerts.Where(r => r.Id == id && r.NotifiedAtUnixMs == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.NotifiedAtUnixMs, ms), ct) == 1;
    }

    public async Task<AlertRecord?> FindAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<AlertRecord>> ListOpenAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Alerts.AsNoTracking().Where(r => r.OpenKey != null).OrderByDescending(r => r.Id).ToListAsync(ct);
        return rows.Select(ToRecord).ToList();
    }

    public async Task<IReadOnlyList<AlertRecord>> ListRecentAsync(DateTimeOffset resolvedSince, int limit, CancellationToken ct)
    {
        var ms = resolvedSince.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Alerts.AsNoTracking().Where(r => r.OpenKey != null || r.ResolvedAtUnixMs >= ms)
            .OrderByDescending(r => r.Id).Take(limit).ToListAsync(ct);
        return rows.Select(ToRecord).ToList();
    }

    private async Task<bool> IsOpenAsync(string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Alerts.AnyAsync(r => r.OpenKey == key, ct);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static AlertRecord ToRecord(AlertRow r) => new(
        r.Id, r.Key, r.Rule, r.Subject, r.Tenant, Enum.Parse<AlertState>(r.State), At(r.FiredAtUnixMs), At(r.LastBreachAtUnixMs),
        r.ResolvedAtUnixMs is { } resolved ? At(resolved) : null, r.Value, r.Threshold, r.Summary,
        JsonSerializer.Deserialize<double[]>(r.SparklineJson) ?? [], r.AcknowledgedBy, r.AcknowledgedNote,
        r.AcknowledgedAtUnixMs is { } acked ? At(acked) : null, r.NotifiedAtUnixMs is { } notified ? At(notified) : null, r.Version);
}
