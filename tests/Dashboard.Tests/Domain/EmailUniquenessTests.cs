using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Domain;

/// <summary>The service's uniqueness check sees folded emails, on a real SQLite sandbox in a temp file.</summary>
public sealed class EmailUniquenessTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"dashboard-emails-{Guid.NewGuid():N}.db");
    private TenantStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var tenant = new TenantDescriptor("emails", "emails", "Sqlite", new Dictionary<string, string?>
        {
            [SqliteStoreProvider.ConnectionStringKey] = $"Data Source={_file}",
        });
        var data = new SqliteStoreProvider().Create(tenant);
        await data.EnsureSchemaAsync(Ct);
        _store = new TenantStore(tenant, data, TimeProvider.System, new UlidGenerator());
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_full_width_copy_of_an_email_in_use_is_refused_and_finds_the_original()
    {
        var ada = await _store.CreateUserAsync(new NewUser("ada@example.com", "Ada"), Ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _store.CreateUserAsync(new NewUser("ａｄａ@example.com", "Not Ada"), Ct));

        Assert.Contains("email", error.Errors.Keys);
        Assert.Equal(ada, await _store.FindUserByEmailAsync("ＡＤＡ@ｅｘａｍｐｌｅ.ｃｏｍ", Ct));
    }

    [Fact]
    public async Task An_update_to_a_zero_width_lookalike_is_refused_and_changes_nothing()
    {
        var ada = await _store.CreateUserAsync(new NewUser("ada@example.com", "Ada"), Ct);
        var bob = await _store.CreateUserAsync(new NewUser("bob@example.com", "Bob"), Ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            _store.UpdateUserAsync(bob.Id, bob.Version, new UserChanges("ada\u200B@example.com", "Bob"), Ct));

        Assert.Contains("email", error.Errors.Keys);
        Assert.Equal(bob, await _store.GetUserAsync(bob.Id, Ct));
        Assert.Equal(ada, await _store.FindUserByEmailAsync("ada@example.com", Ct));
    }

    [Fact]
    public async Task A_full_width_email_search_finds_the_folded_email()
    {
        var ada = await _store.CreateUserAsync(new NewUser("ada@example.com", "Ada"), Ct);
        await _store.CreateUserAsync(new NewUser("bob@example.com", "Bob"), Ct);

        var page = await _store.ListUsersAsync(new UserQuery(UserSortField.Email, "ＡＤＡ"), new PageRequest(25), Ct);

        Assert.Equal([ada], page.Items);
    }
}
