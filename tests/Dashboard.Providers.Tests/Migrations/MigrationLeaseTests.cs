using Dashboard.Core.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>A migration's fleet lease and its checkpoint row on both app stores the app supports: SQLite and MariaDB.</summary>
[Collection(MigrationCollection.Name)]
[Trait("Backend", "All")]
public sealed class MigrationLeaseTests(AllBackendsFixture backends)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task Only_one_holder_has_a_tenant_until_it_releases_or_its_lease_lapses(string appStore)
    {
        await using var store = appStore == "Sqlite"
            ? await MigrationAppStore.SqliteAsync(Path.Combine(Path.GetTempPath(), $"dashboard-lease-{Guid.NewGuid():N}.db"), Ct)
            : await MigrationAppStore.MySqlAsync(backends.MariaDb.Server.ConnectionString($"appstore_{Guid.NewGuid():N}"[..30]), Ct);
        var leases = store.Leases;
        var name = IMigrationCheckpoints.LeaseName("acme");
        var now = DateTimeOffset.UtcNow;
        var minute = TimeSpan.FromMinutes(1);

        Assert.True(await leases.TryAcquireAsync(name, "run-a", now, minute, Ct));
        Assert.False(await leases.TryAcquireAsync(name, "run-b", now, minute, Ct));
        // Another tenant's migration is another lease.
        Assert.True(await leases.TryAcquireAsync(IMigrationCheckpoints.LeaseName("globex"), "run-b", now, minute, Ct));

        // Lapsed: another run takes over; the first cannot renew it.
        Assert.True(await leases.TryAcquireAsync(name, "run-c", now + minute + TimeSpan.FromSeconds(1), minute, Ct));
        Assert.False(await leases.TryAcquireAsync(name, "run-a", now + minute + TimeSpan.FromSeconds(2), minute, Ct));

        // Released only by its holder; then taken at once.
        await leases.ReleaseAsync(name, "run-a", Ct);
        Assert.False(await leases.TryAcquireAsync(name, "run-d", now + minute + TimeSpan.FromSeconds(2), minute, Ct));
        await leases.ReleaseAsync(name, "run-c", Ct);
        Assert.True(await leases.TryAcquireAsync(name, "run-d", now + minute + TimeSpan.FromSeconds(2), minute, Ct));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("MySql")]
    public async Task A_checkpoint_is_stored_replaced_and_listed(string appStore)
    {
        await using var store = appStore == "Sqlite"
            ? await MigrationAppStore.SqliteAsync(Path.Combine(Path.GetTempPath(), $"dashboard-cp-{Guid.NewGuid():N}.db"), Ct)
            : await MigrationAppStore.MySqlAsync(backends.MariaDb.Server.ConnectionString($"appstore_{Guid.NewGuid():N}"[..30]), Ct);
        var now = Ms(DateTimeOffset.UtcNow);
        var first = new MigrationCheckpoint("acme", "DynamoDb", "f1", MigrationPhase.Orders, "u", "o", 3, 4, now, now);
        var other = new MigrationCheckpoint("globex", "Sqlite", "f2", MigrationPhase.Done, null, null, 5, 6, now, now.AddSeconds(5));

        await store.Checkpoints.SaveAsync(first, Ct);
        await store.Checkpoints.SaveAsync(other, Ct);
        await store.Checkpoints.SaveAsync(first with { Phase = MigrationPhase.CatchUp, OrdersToken = null, OrdersCopied = 9 }, Ct);

        Assert.Equal(first with { Phase = MigrationPhase.CatchUp, OrdersToken = null, OrdersCopied = 9 }, await store.Checkpoints.GetAsync("acme", Ct));
        Assert.Null(await store.Checkpoints.GetAsync("initech", Ct));
        Assert.Equal(["globex", "acme"], (await store.Checkpoints.ListAsync(Ct)).Select(c => c.TenantId));
    }

    private static DateTimeOffset Ms(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
