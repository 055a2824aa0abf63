using Dashboard.Core.Alerts;

namespace Dashboard.Services.Alerts;

/// <summary>
/// The fleet's open alerts as every circuit's badge and banner read them: one app store query per few seconds for
/// the whole instance, however many circuits ask. Acknowledging here forgets the cached list at once.
/// </summary>
public sealed class OpenAlerts(IAlertStore store, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<AlertRecord> _open = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<AlertRecord>> ListAsync(CancellationToken ct)
    {
        if (clock.GetUtcNow() - _readAt < MaxAge) return _open;
        await _gate.WaitAsync(ct);
        try
        {
            if (clock.GetUtcNow() - _readAt >= MaxAge)
            {
                _open = await store.ListOpenAsync(ct);
                _readAt = clock.GetUtcNow();
            }
            return _open;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<AlertRecord>> ForTenantAsync(string tenant, CancellationToken ct) =>
        (await ListAsync(ct)).Where(a => a.Tenant == tenant).ToList();

    public void Forget() => _readAt = DateTimeOffset.MinValue;
}
