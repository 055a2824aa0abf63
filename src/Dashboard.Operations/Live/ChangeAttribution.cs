using System.Text.Json;
using Dashboard.Core.Audit;

namespace Dashboard.Operations.Live;

/// <summary>
/// Who made a change, from the audit log: the dashboard's entry for that entity whose stored "after" carries the
/// change's version. The audit entry is written just after the backend commit, so a change seen at once may wait
/// for it briefly. No entry: the change was made outside the dashboard (the tenant's own application, a script).
/// </summary>
public sealed class ChangeAttribution(IAuditLog audit)
{
    private static readonly TimeSpan[] Waits = [TimeSpan.Zero, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)];

    /// <summary>
    /// Who made <paramref name="change"/>. A change seen at once waits for its audit entry a moment; a
    /// <paramref name="settled"/> one (committed a while ago) is looked up once.
    /// </summary>
    public async Task<DataChange> AttributeAsync(string tenant, DataChange change, CancellationToken ct, bool settled = false)
    {
        var entity = change.Target.IsAboutOrders ? "Order" : "User";
        foreach (var wait in settled ? Waits[..1] : Waits)
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            var page = await audit.QueryAsync(new AuditQuery(Tenant: tenant, Entity: entity, EntityId: change.EntityId, Size: 10), ct);
            var entry = page.Entries.FirstOrDefault(e => VersionOf(e.After) == change.Version);
            if (entry is not null) return change with { ChangedBy = entry.ActorName, At = entry.At };
        }
        return change;
    }

    private static long? VersionOf(string? json)
    {
        if (json is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("version", out var v) && v.TryGetInt64(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
