using Bunit;
using Dashboard.Core.Access;
using Dashboard.Core.Tenants;
using Dashboard.Core.Tenants.Registry;
using Dashboard.Operations.Migrations;
using Dashboard.Services.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MigrationsPage = Dashboard.Components.Pages.Ops.Migrations;

namespace Dashboard.Tests.Pages;

/// <summary>
/// /ops/migrations over the real sandbox (SQLite) and a real SQLite target file: the plan comes before a start, a
/// copy ends verified, cut-over and roll-back switch the tenant in the registry, and every refusal is one sentence
/// on a page that stays usable.
/// </summary>
public sealed class MigrationsPageTests : DashboardTestContext
{
    private readonly string _target = Path.Combine(Path.GetTempPath(), $"dashboard-migration-target-{Guid.NewGuid():N}.db");

    public MigrationsPageTests()
    {
        // A short settle: one instance here, whose own gate is closed before the wait.
        Services.AddSingleton(new MigrationOptions { CutOverSettle = TimeSpan.FromMilliseconds(100) });
        Services.TryAddSingleton<TenantMigrator>();
        Services.TryAddSingleton<TenantCutOver>();
        Services.TryAddSingleton<TenantMigrations>();
    }

    private TenantRegistry Registry => Services.GetRequiredService<TenantRegistry>();

    private async Task<IRenderedComponent<MigrationsPage>> RenderPageAsync()
    {
        await Services.GetRequiredService<TenantRegistrySync>().StartAsync(Ct);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        RenderProviders();
        var cut = Render<MigrationsPage>();
        cut.WaitForAssertion(() => Assert.Contains("Migrate a tenant", cut.Markup));
        return cut;
    }

    private void Fill(IRenderedComponent<MigrationsPage> cut, string tenant, string provider, string settings)
    {
        if (tenant.Length > 0) ChooseTenant(cut, "Tenant", tenant);
        cut.Field("Target provider").Change(provider);
        cut.Find("#migration-settings").Input(settings);
    }

    private string Notice(IRenderedComponent<MigrationsPage> cut) => cut.Find("[data-testid='migration-notice']").TextContent.Trim();

    [Fact]
    public async Task The_plan_comes_first_then_the_copy_verifies_cuts_over_and_rolls_back()
    {
        var cut = await RenderPageAsync();
        var source = Registry.Get(TenantId);
        Fill(cut, TenantId, "Sqlite", $"ConnectionString=Data Source={_target}");
        Assert.True(cut.Button("Start migration").HasAttribute("disabled"));

        cut.Button("Show plan").Click();
        cut.WaitForAssertion(() => Assert.Contains("60 users and about", cut.Find("[data-testid='migration-plan']").TextContent));
        cut.Button("Start migration").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("Migration of sandbox to Sqlite started", Notice(cut)));
        await Services.GetRequiredService<MigrationJobs>().Find(TenantId)!.Completion;

        var row = () => cut.FindAll("tr").Single(r => r.TextContent.StartsWith(TenantId));
        cut.WaitForAssertion(() => Assert.Contains("verified", row().TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("verified 60 users", row().TextContent);

        cut.Find($"button[aria-label='Cut over {TenantId}']").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("sandbox is on Sqlite now (verified 60 users", Notice(cut)), TimeSpan.FromSeconds(20));
        var moved = Registry.Get(TenantId);
        Assert.Equal($"Data Source={_target}", moved.Settings["ConnectionString"]);
        Assert.NotNull(moved.BackendOverride);
        cut.WaitForAssertion(() => Assert.Contains("cut over to Sqlite", row().TextContent));
        // Written on the new backend, as an agent's edit would be; the target file has it.
        var user = await Store.CreateUserAsync(new Core.Domain.NewUser("after-move@example.com", "After The Move"), Ct);
        var target = Registry.FindProvider("Sqlite")!.Create(new TenantDescriptor("target", "target", "Sqlite",
            new Dictionary<string, string?> { ["ConnectionString"] = $"Data Source={_target}" }));
        try
        {
            Assert.Equal(user, await target.GetUserAsync(user.Id, Ct));
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }

        cut.Find($"button[aria-label='Roll back {TenantId}']").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("sandbox is back on its previous backend (1 changes carried back", Notice(cut)), TimeSpan.FromSeconds(20));
        Assert.False(Registry.Get(TenantId).ReachedDifferentlyThan(source));
        Assert.Equal(user, await Store.GetUserAsync(user.Id, Ct));
        cut.WaitForAssertion(() => Assert.Contains("rolled back", row().TextContent));
    }

    [Fact]
    public async Task A_running_copy_is_cancelled_from_its_row_and_keeps_its_checkpoint()
    {
        var cut = await RenderPageAsync();
        Fill(cut, TenantId, "Sqlite", $"ConnectionString=Data Source={_target}");
        cut.Button("Show plan").Click();
        cut.WaitForAssertion(() => Assert.Contains("60 users and about", cut.Find("[data-testid='migration-plan']").TextContent));
        // The target is busy: another writer holds its write lock, so the copy waits at its first write, running.
        var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_target};Pooling=False");
        await blocker.OpenAsync(Ct);
        var hold = blocker.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        cut.Button("Start migration").Click();
        var cancel = () => cut.Find($"button[aria-label='Cancel migration of {TenantId}']");
        cut.WaitForAssertion(() => cancel(), TimeSpan.FromSeconds(10));
        // The run has begun (its first checkpoint is saved) before Ops cancel it: cancelled sooner, it has nothing to resume.
        var checkpoints = Services.GetRequiredService<Core.Migrations.IMigrationCheckpoints>();
        for (var waited = 0; await checkpoints.GetAsync(TenantId, Ct) is null; waited += 50)
        {
            Assert.True(waited < 10_000, "the copy saved no checkpoint within 10 s");
            await Task.Delay(50, Ct);
        }

        cancel().Click();
        // Ops asked while the copy waited; the busy writer finishes, and the copy stops after that write.
        hold.Rollback();
        await blocker.DisposeAsync();

        cut.WaitForAssertion(() => Assert.Equal("Migration of sandbox cancelled: its checkpoint is kept, so it can be resumed (CLI: migrate --resume).", Notice(cut)),
            TimeSpan.FromSeconds(20));
        var row = cut.FindAll("tr").Single(r => r.TextContent.StartsWith(TenantId));
        Assert.Contains("cancelled during", row.TextContent);
        Assert.Empty(cut.FindAll($"button[aria-label='Cancel migration of {TenantId}']"));
        var checkpoint = await checkpoints.GetAsync(TenantId, Ct);
        Assert.NotNull(checkpoint);
        Assert.NotEqual(Core.Migrations.MigrationPhase.Done, checkpoint.Phase);
        var audited = await Services.GetRequiredService<Core.Audit.IAuditLog>().QueryAsync(new Core.Audit.AuditQuery(Tenant: TenantId, Entity: "Migration"), Ct);
        Assert.Equal("cancelled", audited.Entries.OrderBy(e => e.Id).Select(e => System.Text.Json.JsonDocument.Parse(e.After!).RootElement.GetProperty("step").GetString()).Last());
        // Nothing is running any more: a second cancel is refused in one sentence.
        var again = await Services.GetRequiredService<MigrationsConsole>().CancelAsync(TenantId);
        Assert.True(again.Failed);
        Assert.Equal("No migration of 'sandbox' is running on this instance.", again.Text);
    }

    [Theory]
    [InlineData("", "Sqlite", "a=b", "Choose the tenant to migrate.")]
    [InlineData(TenantId, "", "a=b", "Choose the target's provider.")]
    [InlineData(TenantId, "Sqlite", "not a setting", "Settings line 1 is not key=value: 'not a setting'.")]
    [InlineData(TenantId, "Sqlite", "", "The target's settings are not valid: Settings:ConnectionString")]
    public async Task A_refusal_is_one_sentence_and_the_page_stays_usable(string tenant, string provider, string settings, string message)
    {
        var cut = await RenderPageAsync();
        Fill(cut, tenant, provider, settings);

        cut.Button("Show plan").Click();

        cut.WaitForAssertion(() => Assert.StartsWith(message, Notice(cut)));
        Assert.Empty(cut.FindAll("[data-testid='migration-plan']"));
        // Corrected, the same page plans.
        Fill(cut, TenantId, "Sqlite", $"ConnectionString=Data Source={_target}");
        cut.Button("Show plan").Click();
        cut.WaitForAssertion(() => Assert.Contains("60 users and about", cut.Find("[data-testid='migration-plan']").TextContent));
    }

    [Fact]
    public async Task The_current_backend_as_target_is_refused()
    {
        var cut = await RenderPageAsync();
        Fill(cut, TenantId, "Sqlite", $"ConnectionString={Registry.Get(TenantId).Settings["ConnectionString"]}\nLivePollMs={LivePollMs}");

        cut.Button("Show plan").Click();

        cut.WaitForAssertion(() => Assert.Equal("Tenant 'sandbox' is already on that backend.", Notice(cut)));
    }

    [Fact]
    public async Task Only_ops_may_migrate_even_past_the_page()
    {
        SignInAs(Role.Support, TenantId);
        var console = Services.GetRequiredService<MigrationsConsole>();

        var notice = await console.PlanAsync(new MigrationForm { Tenant = TenantId, Provider = "Sqlite", Settings = $"ConnectionString=Data Source={_target}" }, Ct);

        Assert.True(notice.Failed);
        Assert.Equal("Only Ops may migrate a tenant.", notice.Text);
    }
}
