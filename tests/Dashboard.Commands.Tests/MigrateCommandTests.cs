using Dashboard.Core.Demo;
using Dashboard.Core.Domain;
using Dashboard.Core.Paging;
using Dashboard.Core.Stores;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;

namespace Dashboard.Commands.Tests;

/// <summary>
/// README: <c>dotnet run --project src/Dashboard.LoadTool -- migrate --tenant T --to-provider P --setting k=v ...
/// [--verify-only] [--resume]</c>, on the Release build. The sandbox (a small data set loaded here, so runs stay
/// short) moves to a fresh SQLite file; no server needed.
/// </summary>
[Collection(OneAtATime.Name)]
public sealed class MigrateCommandTests : IDisposable
{
    private const string LoadTool = "dotnet run --project src/Dashboard.LoadTool -c Release --no-build --";
    private readonly AppData _data = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sandbox => Path.Combine(_data.Folder, "sandbox.db");
    private string TargetFile => Path.Combine(_data.Folder, "target.db");
    private string Migrate => $"{LoadTool} migrate --tenant sandbox --to-provider Sqlite --setting 'ConnectionString=Data Source={TargetFile}'";

    [Fact]
    public async Task A_tenant_migrates_verifies_and_refuses_a_second_copy_into_its_filled_target()
    {
        var seeded = await SeedSandboxAsync(30);

        var result = (await Command.RunAsync(Migrate, _data.Environment())).ShouldSucceed();

        Assert.Contains("Migrating tenant 'sandbox' from Sqlite to Sqlite", result.Stdout);
        Assert.Contains($"plan: 30 users and about {seeded.Orders.Count} orders", result.Stdout);
        Assert.Contains("] 100 % ", result.Stdout);
        Assert.Contains("rows/s", result.Stdout);
        // SQLite keeps no change log: the CLI says catch-up scanned, and why.
        Assert.Contains("catch-up by version scan (the source's backend has no change feed of every write): 0 changes made during the copy applied", result.Stdout);
        var expected = $"verified 30 users, {seeded.Orders.Count} orders, 0 differences";
        Assert.Equal(expected, LastLine(result.Stdout));
        Assert.Empty(result.Stderr.Trim());
        // The file on its own says the same: every row once, with its id and version.
        var (users, orders) = await ReadAsync(TargetFile);
        Assert.Equal(seeded.Users.Select(u => (u.Id, u.Version)).Order(), users.Select(u => (u.Id, u.Version)).Order());
        Assert.Equal(seeded.Orders.Select(o => (o.Id, o.Version)).Order(), orders.Select(o => (o.Id, o.Version)).Order());

        var verified = (await Command.RunAsync($"{Migrate} --verify-only", _data.Environment())).ShouldSucceed();
        Assert.Equal(expected, LastLine(verified.Stdout));

        var again = await Command.RunAsync(Migrate, _data.Environment());
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("error: the target (Sqlite) is not empty: a migration only copies into an empty tenant", again.Stderr.Trim());
    }

    [Fact]
    public async Task A_migration_killed_mid_copy_resumes_and_ends_with_no_difference()
    {
        var seeded = await SeedSandboxAsync(400);
        var environment = _data.Environment();
        // A killed run's claim on the tenant lapses after the lease; short here so the resume need not wait long.
        environment["Migrations__Lease"] = "00:00:03";
        // Checkpoints every 100 rows, so the copy is well under way, not over, when the orders phase first shows.
        environment["Migrations__BatchSize"] = "100";

        await using (var first = Command.Start(Migrate, environment))
        {
            await WaitForAsync(first, "(orders)");
            var killed = await first.KillAsync();
            Assert.DoesNotContain("verified", killed.Stdout);
        }
        // Until the killed run's claim lapses, a new run is told the tenant is being migrated; after it, that a run
        // was left unfinished. (A run starting within the lease had failed this when the machine started it fast.)
        await Task.Delay(TimeSpan.FromSeconds(3.5), Ct);
        var notResumed = await Command.RunAsync(Migrate, environment);
        Assert.Equal(1, notResumed.ExitCode);
        Assert.Contains("run again with --resume", notResumed.Stderr);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        var resumed = (await Command.RunAsync($"{Migrate} --resume", environment)).ShouldSucceed();

        Assert.Contains("(resuming)", resumed.Stdout);
        Assert.Equal($"verified 400 users, {seeded.Orders.Count} orders, 0 differences", LastLine(resumed.Stdout));
        var (users, orders) = await ReadAsync(TargetFile);
        Assert.Equal(400, users.Count);
        Assert.Equal(seeded.Orders.Count, orders.Count);
    }

    [Fact]
    public async Task A_tenant_cuts_over_to_its_target_and_rolls_back()
    {
        var seeded = await SeedSandboxAsync(20);
        var environment = _data.Environment();
        // One process, no app running: nobody else to wait for.
        environment["Migrations__CutOverSettle"] = "00:00:00.2";
        var nothingYet = await Command.RunAsync($"{LoadTool} migrate --tenant sandbox --roll-back", environment);
        Assert.Equal(1, nothingYet.ExitCode);
        Assert.Equal("error: tenant 'sandbox' was not cut over: there is nothing to roll back", nothingYet.Stderr.Trim());

        var cutOver = (await Command.RunAsync($"{Migrate} --cut-over", environment)).ShouldSucceed();

        Assert.Contains($"verified 20 users, {seeded.Orders.Count} orders, 0 differences", cutOver.Stdout);
        Assert.Contains("cut over: 'sandbox' is on Sqlite now (0 final changes applied)", cutOver.Stdout);
        Assert.Equal($"verified 20 users, {seeded.Orders.Count} orders, 0 differences", LastLine(cutOver.Stdout));
        // Cut over already: the same command says so rather than copying again.
        var again = await Command.RunAsync($"{Migrate} --cut-over", environment);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is already on that backend", again.Stderr);

        var back = (await Command.RunAsync($"{LoadTool} migrate --tenant sandbox --roll-back", environment)).ShouldSucceed();

        Assert.Contains("rolled back: 'sandbox' is on its previous backend again; 0 changes made since the cut-over carried back", back.Stdout);
        Assert.Equal($"verified 20 users, {seeded.Orders.Count} orders, 0 differences", LastLine(back.Stdout));
    }

    // One case of each kind (each is a process start): a command line that does not parse, a tenant or provider
    // that does not exist, settings that do not validate.
    [Theory]
    [InlineData("migrate --tenant sandbox --to-provider Sqlite --setting ConnectionString", 2, "--setting takes key=value, not 'ConnectionString'")]
    [InlineData("migrate --tenant sandbox --to-provider Nope --setting a=b", 1, "no provider 'Nope'")]
    [InlineData("migrate --tenant sandbox --to-provider Sqlite", 1, "the target's settings are not valid: Settings:ConnectionString")]
    [InlineData("migrate --tenant sandbox --roll-back --to-provider Sqlite", 2, "--roll-back takes only --tenant")]
    public async Task A_wrong_command_line_is_one_message_and_a_non_zero_exit(string arguments, int exitCode, string message)
    {
        await SeedSandboxAsync(5);

        var result = await Command.RunAsync($"{LoadTool} {arguments}", _data.Environment());

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Output);
    }

    /// <summary>The sandbox file with a small deterministic data set, so the tool finds users and loads no demo data of its own.</summary>
    private async Task<DemoData> SeedSandboxAsync(int users)
    {
        var data = DemoDataGenerator.Generate(users);
        var store = Open(Sandbox);
        await store.EnsureSchemaAsync(Ct);
        await store.BulkLoadAsync(data.Users, data.Orders, Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return data;
    }

    private static IDataStore Open(string file) =>
        new SqliteStoreProvider().Create(new TenantDescriptor("check", "check", "Sqlite",
            new Dictionary<string, string?> { [SqliteStoreProvider.ConnectionStringKey] = $"Data Source={file}" }));

    private static async Task<(List<User> Users, List<Order> Orders)> ReadAsync(string file)
    {
        var store = Open(file);
        var users = new List<User>();
        var orders = new List<Order>();
        string? token = null;
        do
        {
            var page = await store.ListUsersAsync(UserQuery.All, new PageRequest(100, token), Ct);
            users.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);
        do
        {
            var page = await store.ListTenantOrdersAsync(OrderQuery.All, new PageRequest(100, token), Ct);
            orders.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (users, orders);
    }

    private static async Task WaitForAsync(Command command, string text)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        while (!command.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(command.HasExited, $"The command ended before printing '{text}':\n{command.Output}");
            await Task.Delay(50, deadline.Token);
        }
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];

    public void Dispose() => _data.Dispose();
}
