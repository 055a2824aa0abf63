using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Access;
using Dashboard.AppStore;
using Dashboard.Core;
using Dashboard.Core.Access;
using Dashboard.Core.Demo;
using Dashboard.Core.Stores;
using Dashboard.Providers.Sql;
using Dashboard.Services;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Pages;

/// <summary>
/// bUnit with the app's real services over a real SQLite sandbox in a temp folder, seeded with demo data.
/// Tenant "broken" points at a file that cannot be opened, so its backend is really unavailable. The audit log
/// is a real app store in the same folder. Pages run as a signed-in Ops person unless a test signs in as someone else.
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    protected const string TenantId = "sandbox";

    /// <summary>The one host avatar images may come from (Avatars:AllowedHosts), as the CSP would allow.</summary>
    protected const string AllowedAvatarHost = "avatars.example.com";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-ui-" + Guid.NewGuid().ToString("N"));

    protected DashboardTestContext()
    {
        // Generous: CI machines are small and the store is a real database; passing tests never wait this long.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:sandbox:Provider"] = "Sqlite",
            ["Tenants:sandbox:DisplayName"] = "Sandbox",
            ["Tenants:sandbox:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, "sandbox.db")}",
            ["Tenants:sandbox:Settings:LivePollMs"] = LivePollMs,
            ["Tenants:broken:Provider"] = "Sqlite",
            ["Tenants:broken:DisplayName"] = "Broken",
            ["Tenants:broken:Settings:ConnectionString"] = $"Data Source={Path.Combine(_folder, "missing-folder", "broken.db")};Mode=ReadWrite",
            ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(_folder, "dashboard.db")}",
            ["Avatars:AllowedHosts:0"] = AllowedAvatarHost,
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddDashboardCore(configuration);
        Services.AddSqlProviders();
        // Outermost around every tenant's real store: lets a test make the backend fail on cue.
        Services.AddSingleton<IDataStoreDecorator>(Faults);
        Services.AddSingleton<IDataStoreDecorator>(BackendCalls);
        Services.AddAppStore(configuration);
        // The host's own person-from-principal, over an authentication state the test controls.
        Services.AddSingleton<AuthenticationStateProvider>(SignedIn);
        Services.AddHttpContextAccessor();
        Services.AddScoped<ICurrentPerson, ClaimsCurrentPerson>();
        Services.AddMudServices();
        Services.AddPageServices();
        Services.AddAvatarImagePolicy(configuration);
        Services.AddScoped<Dashboard.Operations.Metering.ActionUsage>();
        Services.AddLogging();
        Services.AddSingleton<Dashboard.Operations.Live.ChangeAttribution>();
        Services.AddSingleton<Dashboard.Operations.Live.ChangeHub>();
        // The host always has it (pages persist what their prerender hands to the circuit); here a test can trigger it.
        PrerenderState = AddBunitPersistentComponentState();
    }

    /// <summary>The persistent component state pages see: a test persists a prerender's state by triggering it.</summary>
    protected BunitPersistentComponentState PrerenderState { get; }

    /// <summary>Failures to inject around the real sandbox store (nothing fails until a test arms one).</summary>
    protected StoreFaults Faults { get; } = new();

    /// <summary>Every call that reached a tenant's store (seeding included), to show a page made none.</summary>
    protected Tenants.BackendCallCounter BackendCalls { get; } = new();

    /// <summary>
    /// How often the sandbox's change feed polls: once a minute by default, so pages under test see no change
    /// arrive live unless a test class asks for live updates (a change arriving re-renders the page mid-test).
    /// </summary>
    protected virtual string LivePollMs => "60000";

    /// <summary>Who the rendered pages act for; Ops unless a test calls <see cref="SignInAs"/> before rendering.</summary>
    protected TestAuthenticationState SignedIn { get; } = new(DashboardClaims.Principal("ops@example.com", "Olivia Ops", Role.Ops, []));

    protected void SignInAs(Role role, params string[] tenants) =>
        SignedIn.Set(DashboardClaims.Principal($"{role.ToString().ToLowerInvariant()}@example.com", $"Test {role}", role, tenants));

    /// <summary>The tenant's store as the app itself, to arrange data and check what pages did (audited as "system").</summary>
    protected ITenantStore Store => new TenantStoreFactory(
        Services.GetRequiredService<Dashboard.Core.Tenants.TenantRegistry>(), Services.GetRequiredService<ITenantBackends>(),
        new FixedPerson(Person.System), Services.GetRequiredService<Dashboard.Core.Audit.IAuditLog>(), TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<Dashboard.Core.Audit.AuditedDataStore>.Instance).For(TenantId);

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(Ct))
            await AppStoreSchema.EnsureAsync(db, mySql: false, Ct);
        var data = Services.GetRequiredService<ITenantBackends>().For(TenantId);
        await data.EnsureSchemaAsync(Ct);
        await DemoDataSeeder.SeedAsync(data, Ct, userCount: 60);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private IRenderedComponent<MudPopoverProvider>? _popovers;
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    /// <summary>Renders (once) the popover and dialog providers MudBlazor needs, as the layout does; returns the dialogs.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        _popovers ??= Render<MudPopoverProvider>();
        return _dialogs ??= Render<MudDialogProvider>();
    }

    private IRenderedComponent<MudSnackbarProvider>? _snackbars;

    /// <summary>Where snackbar messages show, as in the layout.</summary>
    protected IRenderedComponent<MudSnackbarProvider> Snackbars => _snackbars ??= Render<MudSnackbarProvider>();

    /// <summary>The texts of the snackbar messages shown now.</summary>
    protected IReadOnlyList<string> SnackbarTexts() =>
        Snackbars.FindAll(".mud-snackbar-content-message").Select(m => m.TextContent.Trim()).ToList();

    /// <summary>Types a tenant's id into the tenant field <paramref name="label"/> and picks it from the offered ones.</summary>
    protected void ChooseTenant<T>(IRenderedComponent<T> cut, string label, string tenantId) where T : Microsoft.AspNetCore.Components.IComponent
    {
        cut.Field(label).Focus(); // as a person's click does: an autocomplete offers only while focused
        cut.Field(label).Input(tenantId);
        Popovers.WaitForAssertion(() => Assert.Contains(Popovers.FindAll(".mud-list-item"), i => OffersTenant(i, tenantId)));
        // Found and clicked in one turn of the renderer: the list re-renders while the search settles.
        Popovers.InvokeAsync(() => Popovers.FindAll(".mud-list-item").First(i => OffersTenant(i, tenantId)).Click()).GetAwaiter().GetResult();
    }

    private static bool OffersTenant(IElement item, string tenantId)
    {
        var text = item.TextContent.Trim();
        return text == tenantId || text.EndsWith($"({tenantId})", StringComparison.Ordinal);
    }

    /// <summary>Where open selects and menus render their options.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers
    {
        get
        {
            RenderProviders();
            return _popovers!;
        }
    }

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();
}

/// <summary>A signed-in principal the test sets, as Blazor's server provider would hand it to components.</summary>
public sealed class TestAuthenticationState(System.Security.Claims.ClaimsPrincipal user) : AuthenticationStateProvider
{
    private System.Security.Claims.ClaimsPrincipal _user = user;

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_user));

    public void Set(System.Security.Claims.ClaimsPrincipal user)
    {
        _user = user;
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }
}

/// <summary>Finding things the way a person does: by label and by button text.</summary>
public static class PersonLikeQueries
{
    public static IElement Button<T>(this IRenderedComponent<T> cut, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("button").FirstOrDefault(b => string.Equals(b.TextContent.Trim(), text, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No button '{text}' in: {string.Join(", ", cut.FindAll("button").Select(b => b.TextContent.Trim()))}");

    /// <summary>The input a visible label names (MudBlazor links label and input by for/id).</summary>
    public static IElement Field<T>(this IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var element = cut.FindAll("label").FirstOrDefault(l => l.TextContent.Trim().TrimEnd('*').Trim() == label)
            ?? throw new InvalidOperationException($"No field labelled '{label}'.");
        var id = element.GetAttribute("for");
        return cut.Find($"#{id}");
    }

    /// <summary>Types into a field as a person would (MudBlazor's immediate fields listen to input events).</summary>
    public static void Type<T>(this IRenderedComponent<T> cut, string label, string value) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Field(label).Input(value);

    /// <summary>What a screen reader reads with the field: the text of the elements its aria-describedby names.</summary>
    public static string Description<T>(this IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var ids = cut.Field(label).GetAttribute("aria-describedby")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return string.Join(" ", ids.Select(id => cut.Find($"#{id}").TextContent.Trim()));
    }

    /// <summary>The helper or error text shown under the field with this label.</summary>
    public static string FieldMessage<T>(this IRenderedComponent<T> cut, string label) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var input = cut.Field(label);
        var control = input.Closest(".mud-input-control") ?? throw new InvalidOperationException("Not a MudBlazor field.");
        // The helper line holds the message and, for fields with a counter, "n / max" after it.
        return control.QuerySelector(".mud-input-helper-text > div:first-child")?.TextContent.Trim() ?? "";
    }
}
