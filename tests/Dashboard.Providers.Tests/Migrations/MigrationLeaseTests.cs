using Dashboard.Core.Migrations;

namespace Dashboard.Providers.Tests.Migrations;

/// <summary>The migrations table's lease on both app stores the app supports: SQLite and MariaDB.</summary>
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
        var leases = store.Checkpoints;
        var now = DateTimeOffset.UtcNow;
        var minute = TimeSpan.FromMinutes(1);

        var first = await leases.TryAcquireAsync("acme", "run-a", now, minute, Ct);
        var second = await leases.TryAcquireAsync("acme", "run-b", now, minute, Ct);
        var checkpoint = new MigrationCheckpoint("acme", "DynamoDb", "f1", MigrationPhase.Orders, "u", "o", 3, 4, now, now);
        var savedByHolder = await leases.SaveAsync(checkpoint, "run-a", now + minute, Ct);
        var savedByOther = await leases.SaveAsync(checkpoint with { UsersCopied = 99 }, "run-b", now + minute, Ct);

        Assert.True(first.Acquired);
        Assert.Null(first.Checkpoint);
        Assert.False(second.Acquired);
        Assert.Equal("run-a", second.HeldBy);
        Assert.True(savedByHolder);
        Assert.False(savedByOther);
        Assert.Equal(3, (await leases.GetAsync("acme", Ct))!.UsersCopied);

        // Lapsed: another run takes over and finds the checkpoint.
        var later = await leases.TryAcquireAsync("acme", "run-c", now + minute + TimeSpan.FromSeconds(1), minute, Ct);
        Assert.True(later.Acquired);
        Assert.Equal(checkpoint with { StartedAt = Ms(now), UpdatedAt = Ms(now) }, later.Checkpoint);
        Assert.False(await leases.SaveAsync(checkpoint, "run-a", now + minute, Ct));

        // Released: taken at once.
        await leases.ReleaseAsync("acme", "run-c", Ct);
        Assert.True((await leases.TryAcquireAsync("acme", "run-d", now, minute, Ct)).Acquired);
    }

    private static DateTimeOffset Ms(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
