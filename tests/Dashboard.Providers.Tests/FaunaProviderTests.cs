using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Demo;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Usage;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Fauna;
using Dashboard.Providers.Fauna.Wire;
using Dashboard.Providers.Tests.Fixtures;
using Dashboard.Testing;
using FaunaLocal.Server;

namespace Dashboard.Providers.Tests;

/// <summary>What only Fauna has: stats per query, 429s per attempt, secrets, the wire format, cursors, index-served search.</summary>
[Trait("Backend", "Fauna")]
public sealed class FaunaProviderTests(FaunaFixture fixture) : IClassFixture<FaunaFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TenantDescriptor Tenant, IDataStore Data, TenantStore Store)> TenantAsync(params (string, string)[] settings)
    {
        var (tenant, data) = await fixture.CreateTenantAsync(Ct, settings);
        return (tenant, data, new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator()));
    }

    private FaunaClient RootClient() => new(() => new HttpClient(), new FaunaClientOptions(fixture.Url, FaunaFixture.RootSecret));

    [Fact]
    public async Task Every_call_reports_the_ops_and_bytes_fauna_counted()
    {
        var (_, _, store) = await TenantAsync();

        CallUsage create, get, list;
        User user;
        using (UsageScope.Begin(out create)) user = await store.CreateUserAsync(new NewUser("ops@example.com", "Ops"), Ct);
        using (UsageScope.Begin(out get)) await store.GetUserAsync(user.Id, Ct);
        using (UsageScope.Begin(out list)) await store.ListUsersAsync(UserQuery.All, new PageRequest(10), Ct);

        Assert.True(create.Units[UsageUnit.WriteOps] >= 1, "a created document is at least one write op");
        Assert.True(create.Units[UsageUnit.StorageBytesWritten] > 0);
        Assert.True(get.Units[UsageUnit.ReadOps] >= 1);
        Assert.True(get.Units[UsageUnit.ComputeOps] >= 1, "every query costs at least one compute op");
        Assert.True(get.Units[UsageUnit.StorageBytesRead] > 0);
        Assert.False(get.Units.ContainsKey(UsageUnit.WriteOps));
        // An index without terms has 8 partitions: Fauna charges 7 read ops on top of the entries read.
        Assert.True(list.Units[UsageUnit.ReadOps] >= 8, $"got {list.Units[UsageUnit.ReadOps]} read ops");
    }

    [Fact]
    public async Task Search_reads_one_index_range_never_the_whole_collection()
    {
        var (_, data, store) = await TenantAsync();
        var demo = DemoDataGenerator.Generate(300);
        await data.BulkLoadAsync(demo.Users, [], Ct);

        CallUsage none, some;
        Page<User> empty, found;
        using (UsageScope.Begin(out none)) empty = await store.ListUsersAsync(new UserQuery(UserSortField.Email, "zzzzq"), new PageRequest(25), Ct);
        using (UsageScope.Begin(out some)) found = await store.ListUsersAsync(new UserQuery(UserSortField.Email, "ada@"), new PageRequest(25), Ct);

        Assert.Empty(empty.Items);
        Assert.Equal([DemoDataGenerator.AdaEmail], found.Items.Select(u => u.Email));
        // 300 users of about 1 KiB each: a scan would cost hundreds of read ops.
        Assert.True(none.Units.GetValueOrDefault(UsageUnit.ReadOps) <= 2, $"got {none.Units.GetValueOrDefault(UsageUnit.ReadOps)} read ops");
        Assert.True(some.Units[UsageUnit.ReadOps] <= 5, $"got {some.Units[UsageUnit.ReadOps]} read ops");
    }

    [Fact]
    public async Task Long_searches_page_through_their_bucket_in_order_by_email_and_by_name()
    {
        var (_, _, store) = await TenantAsync();
        foreach (var (email, name) in new[]
                 {
                     ("annabel@example.com", "Annabel Lee"), ("annabella@example.com", "annabella Z"), ("annab@example.com", "ANNAB"),
                     ("anna@example.com", "Anna"), ("annie@example.com", "Annie"), ("annabeth@example.com", "Annabeth"),
                 })
            await store.CreateUserAsync(new NewUser(email, name), Ct);

        async Task<List<User>> All(UserQuery query)
        {
            var all = new List<User>();
            string? token = null;
            do
            {
                var page = await store.ListUsersAsync(query, new PageRequest(2, token), Ct);
                all.AddRange(page.Items);
                token = page.ContinuationToken;
            } while (token is not null);
            return all;
        }

        Assert.Equal(["annab@example.com", "annabel@example.com", "annabella@example.com", "annabeth@example.com"],
            (await All(new UserQuery(UserSortField.Email, "Annab"))).Select(u => u.Email));
        Assert.Equal(["ANNAB", "Annabel Lee", "annabella Z", "Annabeth"],
            (await All(new UserQuery(UserSortField.Name, "annab"))).Select(u => u.Name));
    }

    [Fact]
    public async Task Text_that_looks_like_fql_is_stored_and_searched_as_data()
    {
        var (_, _, store) = await TenantAsync();
        string[] names = ["\"); abort({ code: \"stale\" }) //", "#{ User.all().count() }", "} else { 1 }", "`User`"];
        var created = new List<User>();
        foreach (var name in names) created.Add(await store.CreateUserAsync(new NewUser($"u{created.Count}@example.com", name), Ct));

        foreach (var user in created) Assert.Equal(user, await store.GetUserAsync(user.Id, Ct));
        Assert.Equal([names[0]], (await store.ListUsersAsync(new UserQuery(UserSortField.Name, "\"); abort"), new PageRequest(10), Ct)).Items.Select(u => u.Name));
        Assert.Empty((await store.ListUsersAsync(new UserQuery(UserSortField.Email, "\") || true || (\""), new PageRequest(10), Ct)).Items);
    }

    [Fact]
    public async Task Throttled_attempts_are_retried_then_surface_with_every_attempt_recorded()
    {
        await using var server = new FaunaLocalServer(new FaunaLocalOptions
        {
            Port = 0, Secret = "limited", Limits = RateLimits.Parse("write=1", hard: true),
        });
        var url = await server.StartAsync(Ct);
        var tenant = FaunaFixture.Tenant("limited", url, "limited", (FaunaSettings.RetryBaseDelayMsKey, "1"));
        var data = fixture.Provider.Create(tenant);
        await data.EnsureSchemaAsync(Ct);
        var store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());

        // One write per second: within a few attempts one call uses up all three of its attempts in the same second.
        for (var i = 0; i < 40; i++)
        {
            using var scope = UsageScope.Begin(out var usage);
            try
            {
                await store.CreateUserAsync(new NewUser($"burst{i}@example.com", "Burst"), Ct);
            }
            catch (ThrottledException e)
            {
                Assert.Equal(("limited", "Fauna"), (e.Tenant, e.Provider));
                Assert.StartsWith(FaunaClient.ThrottleCause, e.Cause);
                Assert.Equal([true, true, false], usage.Throttles.Select(t => t.Retried));
                Assert.All(usage.Throttles, t => Assert.StartsWith("Fauna 429 limit_exceeded (write)", t.Cause));
                return;
            }
            Assert.All(usage.Throttles, t => Assert.True(t.Retried, "a call that succeeded retried every throttle it met"));
        }
        Assert.Fail("no call was throttled through all of its attempts");
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_is_retried_without_a_false_conflict_or_a_duplicate()
    {
        var (tenant, _, store) = await TenantAsync();
        var lossy = new FaunaLostAnswerHandler();
        var data = new FaunaDataStore(tenant, new FaunaClient(() => new HttpClient(lossy, disposeHandler: false),
            FaunaSettings.From(tenant) with { RetryBaseDelay = TimeSpan.FromMilliseconds(1) }));
        var user = await store.CreateUserAsync(new NewUser("lost@example.com", "Before"), Ct);
        var order = await store.CreateOrderAsync(new NewOrder(user.Id, "USD", [new OrderItem("P", "Thing", 1, 2m)]), Ct);

        lossy.LoseNext = 1;
        await data.UpdateUserAsync(user with { Name = "After", Version = 2 }, current: user, Ct);
        lossy.LoseNext = 1;
        await data.UpdateOrderAsync(order with { Status = OrderStatus.Processing, Version = 2 }, current: order, Ct);
        var another = user with { Id = new UlidGenerator().Next(DateTimeOffset.UtcNow), Email = "another@example.com" };
        lossy.LoseNext = 1;
        await data.InsertUserAsync(another, Ct);

        Assert.Equal(6, lossy.Sent);
        Assert.Equal(("After", 2L), ((await store.GetUserAsync(user.Id, Ct)).Name, (await store.GetUserAsync(user.Id, Ct)).Version));
        Assert.Equal((OrderStatus.Processing, 2L), ((await store.GetOrderAsync(order.Id, Ct)).Status, (await store.GetOrderAsync(order.Id, Ct)).Version));
        Assert.Equal(another, await store.GetUserAsync(another.Id, Ct));
        // A stale write is still refused after a retry: the replay check recognises only this call's own write.
        lossy.LoseNext = 1;
        await Assert.ThrowsAsync<ConflictException>(() => data.UpdateUserAsync(user with { Name = "Stale", Version = 2 }, current: user, Ct));
    }

    [Fact]
    public async Task Soft_limits_answer_normally_and_are_recorded_as_throttle_events()
    {
        await using var server = new FaunaLocalServer(new FaunaLocalOptions
        {
            Port = 0, Secret = "soft", Limits = RateLimits.Parse("read=1", hard: false),
        });
        var url = await server.StartAsync(Ct);
        var data = fixture.Provider.Create(FaunaFixture.Tenant("soft", url, "soft"));
        await data.EnsureSchemaAsync(Ct);

        var hits = 0;
        for (var i = 0; i < 5; i++)
        {
            using var scope = UsageScope.Begin(out var usage);
            Assert.Null(await data.FindUserByEmailAsync("nobody@example.com", Ct));
            hits += usage.Throttles.Count(t => t.Cause == "Fauna rate_limits_hit (read)" && !t.Retried);
        }

        Assert.True(hits >= 1, "reads over a soft limit are reported in stats.rate_limits_hit");
    }

    [Fact]
    public async Task A_refused_secret_names_the_tenant_and_the_setting_but_never_shows_the_secret()
    {
        var tenant = FaunaFixture.Tenant("wrongkey", fixture.Url, "not-the-secret-4711");

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => fixture.Provider.Create(tenant).PingAsync(Ct));

        Assert.Contains("Tenants:wrongkey:Settings:Secret", error.Message);
        Assert.Contains("401", error.Message);
        Assert.DoesNotContain("not-the-secret-4711", error.ToString());
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_unavailable_after_the_retries()
    {
        var port = FreePort.Next();
        var tenant = FaunaFixture.Tenant("gone", new Uri($"http://127.0.0.1:{port}"), "secret", (FaunaSettings.RetryBaseDelayMsKey, "1"));

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => fixture.Provider.Create(tenant).GetUserAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", Ct));

        Assert.Equal(("gone", "Fauna"), (error.Tenant, error.Provider));
        Assert.Contains("cannot connect", error.Reason);
    }

    [Fact]
    public async Task A_tenant_without_its_collections_is_unavailable_with_a_hint_until_the_schema_is_created()
    {
        var secret = await fixture.CreateDatabaseAsync($"bare_{Guid.NewGuid():N}", Ct);
        var data = fixture.Provider.Create(FaunaFixture.Tenant("bare", fixture.Url, secret));

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => data.PingAsync(Ct));
        Assert.Contains("Tenants:bare:Settings:CreateSchema", error.Message);

        await data.EnsureSchemaAsync(Ct);
        await data.EnsureSchemaAsync(Ct);
        await data.PingAsync(Ct);
    }

    [Fact]
    public async Task Settings_problems_name_the_key()
    {
        var empty = new TenantDescriptor("x", "x", "Fauna", new Dictionary<string, string?>());
        var problems = fixture.Provider.Validate(empty).ToList();
        Assert.Contains(problems, p => p.StartsWith("Settings:Endpoint is required"));
        Assert.Contains(problems, p => p.StartsWith("Settings:Secret is required"));

        var bad = FaunaFixture.Tenant("x", new Uri("http://127.0.0.1:1"), "s", (FaunaSettings.QueryTimeoutMsKey, "0"), (FaunaSettings.MaxAttemptsKey, "many"));
        Assert.Equal(2, fixture.Provider.Validate(bad).Count(p => p.Contains(FaunaSettings.QueryTimeoutMsKey) || p.Contains(FaunaSettings.MaxAttemptsKey)));
    }

    [Fact]
    public async Task Page_tokens_stay_short_enough_for_a_link()
    {
        var (_, _, store) = await TenantAsync();
        for (var i = 0; i < 3; i++) await store.CreateUserAsync(new NewUser($"annabelle{i}@example.com", $"Annabelle {i}"), Ct);

        var plain = await store.ListUsersAsync(UserQuery.All, new PageRequest(1), Ct);
        var filtered = await store.ListUsersAsync(new UserQuery(UserSortField.Name, "annabelle"), new PageRequest(1), Ct);

        TestContext.Current.SendDiagnosticMessage($"token lengths: all users {plain.ContinuationToken!.Length}, filtered {filtered.ContinuationToken!.Length}");
        Assert.InRange(plain.ContinuationToken.Length, 1, 2_000);
        Assert.InRange(filtered.ContinuationToken.Length, 1, 2_000);
        Assert.Single((await store.ListUsersAsync(new UserQuery(UserSortField.Name, "annabelle"), new PageRequest(1, filtered.ContinuationToken), Ct)).Items);
    }

    [Fact]
    public async Task The_wire_client_decodes_documents_missing_refs_pages_and_echoes_query_tags()
    {
        var client = RootClient();

        var result = await client.QueryAsync(Fql.Of($$"""
            { n: {{41L}} + 1, t: {{DateTimeOffset.UnixEpoch}}, page: [1, 2, 3].toSet().pageSize(2), at: { "@odd": true } }
            """), [("tenant", "a-b"), ("action", "decode")], Ct);

        var o = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.Data);
        Assert.Equal(42L, o["n"]);
        Assert.Equal(DateTimeOffset.UnixEpoch, o["t"]);
        var page = FaunaPage.From(o["page"]);
        Assert.NotNull(page.After);
        Assert.Equal(true, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(o["at"])["@odd"]);
        Assert.Equal("tenant=a_b,action=decode", result.QueryTags);

        var secret = await fixture.CreateDatabaseAsync($"refs_{Guid.NewGuid():N}", Ct);
        var tenantClient = new FaunaClient(() => new HttpClient(), new FaunaClientOptions(fixture.Url, secret));
        await tenantClient.QueryAsync(Fql.Of($$"""Collection.create({ name: "Thing" })"""), null, Ct);
        var created = await tenantClient.QueryAsync(Fql.Of($$"""Thing.create({ name: {{"x"}} })"""), null, Ct);
        var doc = Assert.IsType<FaunaDocument>(created.Data);
        Assert.Equal(("Thing", "x"), (doc.Collection, doc["name"]));
        Assert.True(created.TxnTs > 0 && doc.Ts > DateTimeOffset.UnixEpoch, "a write answers with its commit time");
        var missing = await tenantClient.QueryAsync(Fql.Of($$"""Thing.byId("1")"""), null, Ct);
        Assert.Equal(new FaunaRef("1", "Thing", Exists: false, Cause: "not found"), missing.Data);
    }
}
