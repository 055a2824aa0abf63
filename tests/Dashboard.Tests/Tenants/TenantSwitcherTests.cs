using Bunit;
using Dashboard.AppStore;
using Dashboard.Components.Layout;
using Dashboard.Core;
using Dashboard.Core.Access;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Dashboard.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Tenants;

/// <summary>
/// The switcher over 10,000 SQLite sandbox tenants ("t0000".."t9999", every third named "Customer n"), with a
/// real app store for each person's recent tenants: a typeahead that renders only the matches.
/// </summary>
public sealed class TenantSwitcherTests : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-switch-" + Guid.NewGuid().ToString("N"));
    private Person _person = new("ops@example.com", "Olivia Ops", Role.Ops, new HashSet<string>());

    public TenantSwitcherTests()
    {
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(TenThousandTenants.Value)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AppStore:ConnectionString"] = $"Data Source={Path.Combine(_folder, "dashboard.db")}",
            }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddDashboardCore(configuration);
        Services.AddSqlProviders();
        Services.AddAppStore(configuration);
        Services.RemoveAll<ICurrentPerson>();
        Services.AddScoped<ICurrentPerson>(_ => new FixedPerson(_person));
        Services.AddMudServices();
        Services.AddPageServices();
        Services.AddLogging();
    }

    /// <summary>Built once for the class: the tenants' files are never created (no store is asked for).</summary>
    private static readonly Lazy<Dictionary<string, string?>> TenThousandTenants = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-switch-tenants");
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < 10_000; i++)
        {
            settings[$"Tenants:{ManyTenants.Id(i)}:Provider"] = "Sqlite";
            if (i % 3 == 0) settings[$"Tenants:{ManyTenants.Id(i)}:DisplayName"] = $"Customer {i}";
            settings[$"Tenants:{ManyTenants.Id(i)}:Settings:ConnectionString"] = $"Data Source={Path.Combine(folder, ManyTenants.Id(i) + ".db")}";
        }
        return settings;
    });

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private IRecentTenants Recents => Services.GetRequiredService<IRecentTenants>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppStoreDbContext>>().CreateDbContextAsync(Ct);
        await AppStoreSchema.EnsureAsync(db, mySql: false, Ct);
    }

    private (IRenderedComponent<TenantSwitcher> Switcher, IRenderedComponent<MudPopoverProvider> Popovers) RenderSwitcher(string? current)
    {
        var popovers = Render<MudPopoverProvider>();
        return (Render<TenantSwitcher>(p => p.Add(x => x.CurrentTenant, current)), popovers);
    }

    /// <summary>The ids of the offered tenants, read from their labels ("Customer 9876 (t9876)" or "t1987").</summary>
    private static IReadOnlyList<string> Offered(IRenderedComponent<MudPopoverProvider> popovers) =>
        popovers.FindAll(".mud-list-item").Select(i => System.Text.RegularExpressions.Regex.Match(i.TextContent, @"t\d{4}(?=\)?\s*$)").Value).ToList();

    [Fact]
    public void Until_focused_it_is_plain_markup_with_the_current_tenant_and_focus_opens_the_autocomplete()
    {
        var (switcher, popovers) = RenderSwitcher(current: "t0003");

        var plain = switcher.Find(TenantSwitcherTyping.PlainInput);
        Assert.Equal("combobox", plain.GetAttribute("role"));
        Assert.Equal("Tenant", switcher.Find($"label[for='{plain.Id}']").TextContent);
        Assert.Contains("t0003", plain.GetAttribute("value"));
        Assert.Empty(switcher.FindComponents<MudAutocomplete<TenantDescriptor>>());

        plain.Focus();

        switcher.WaitForAssertion(() => Assert.Single(switcher.FindComponents<MudAutocomplete<TenantDescriptor>>()));
        popovers.WaitForAssertion(() => Assert.NotEmpty(Offered(popovers)));
    }

    [Fact]
    public async Task Typing_987_offers_t9876_with_the_persons_recent_tenants_first()
    {
        await Recents.RememberAsync(_person.Id, "t9876", Ct);
        await Recents.RememberAsync(_person.Id, "t3987", Ct); // the most recent
        await Recents.RememberAsync(_person.Id, "t0001", Ct); // recent, but no match for "987"
        await Recents.RememberAsync(_person.Id, "t3987", Ct);
        var (switcher, popovers) = RenderSwitcher(current: null);

        switcher.Type("987");

        popovers.WaitForAssertion(() =>
        {
            var offered = Offered(popovers);
            Assert.Equal(["t3987", "t9876", "t0987", "t1987"], offered.Take(4));
            Assert.Contains("Customer 9876 (t9876)", popovers.Markup);
            // 20 tenants match "987": all are offered, each once, and nothing else.
            Assert.Equal(20, offered.Count);
            Assert.Equal(offered.Count, offered.Distinct().Count());
            Assert.All(offered, o => Assert.Contains("987", o));
        });
    }

    [Fact]
    public void A_short_text_offers_a_page_of_matches_and_asks_to_keep_typing_instead_of_rendering_every_tenant()
    {
        var (switcher, popovers) = RenderSwitcher(current: null);

        switcher.Type("t");

        popovers.WaitForAssertion(() =>
        {
            Assert.Equal(TenantSwitchSearch.Shown, Offered(popovers).Count);
            Assert.Contains("More tenants match: keep typing.", popovers.Markup);
        });
    }

    [Fact]
    public void Only_granted_tenants_are_offered()
    {
        _person = new("agent@example.com", "Agent", Role.Support, new HashSet<string> { "t0005", "t9870", "t9876" });
        var (switcher, popovers) = RenderSwitcher(current: "t0005");

        switcher.Type("987");
        popovers.WaitForAssertion(() => Assert.Equal(["t9870", "t9876"], Offered(popovers)));

        switcher.Type("zzz");
        popovers.WaitForAssertion(() => Assert.Contains("No tenant you may open matches.", popovers.Markup));
    }

    [Fact]
    public async Task Choosing_a_tenant_keeps_the_page_kind_and_the_search_and_the_opened_tenant_becomes_recent()
    {
        var navigation = Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>();
        navigation.NavigateTo("/t/t0003/users?q=ada&after=abc");
        var (switcher, popovers) = RenderSwitcher(current: "t0003");
        // Opening a tenant's page (interactive) records it as recent.
        await switcher.WaitForAssertionAsync(async () => Assert.Equal(["t0003"], await Recents.ListAsync(_person.Id, Ct)));

        switcher.Type("9876");
        popovers.WaitForAssertion(() => Assert.Equal(["t9876"], Offered(popovers)));
        popovers.Find(".mud-list-item").Click();

        switcher.WaitForAssertion(() => Assert.EndsWith("/t/t9876/users?q=ada", navigation.Uri));
        switcher.Render(p => p.Add(x => x.CurrentTenant, "t9876"));
        await switcher.WaitForAssertionAsync(async () => Assert.Equal(["t9876", "t0003"], await Recents.ListAsync(_person.Id, Ct)));
    }

    [Fact]
    public async Task A_forms_tenant_field_renders_no_tenant_until_typed_in_then_only_matches_it_may_offer()
    {
        var popovers = Render<MudPopoverProvider>();
        string? chosen = null;
        var field = Render<Dashboard.Components.Shared.TenantPicker>(p => p
            .Add(x => x.Label, "Tenant")
            .Add(x => x.ValueChanged, (string? id) => chosen = id)
            .Add(x => x.Offer, t => t.Id.EndsWith('6')));
        Assert.Empty(popovers.FindAll(".mud-list-item"));
        Assert.DoesNotContain("Customer", field.Markup + popovers.Markup);

        var input = field.Find("input");
        input.Focus();
        input.Input("987");

        // "987" matches t1987..t9987 and t9876; of those, only t9876 ends in 6.
        popovers.WaitForAssertion(() => Assert.Equal(["t9876"], Offered(popovers)));
        await popovers.InvokeAsync(() => popovers.Find(".mud-list-item").Click());
        field.WaitForAssertion(() => Assert.Equal("t9876", chosen));
    }

    [Fact]
    public async Task A_person_keeps_only_their_latest_recent_tenants()
    {
        for (var i = 0; i < IRecentTenants.Kept + 3; i++)
            await Recents.RememberAsync(_person.Id, ManyTenants.Id(i), Ct);
        await Recents.RememberAsync("someone-else@example.com", "t9999", Ct);

        var expected = Enumerable.Range(3, IRecentTenants.Kept).Reverse().Select(ManyTenants.Id);
        Assert.Equal(expected, await Recents.ListAsync(_person.Id, Ct));
        Assert.Equal(["t9999"], await Recents.ListAsync("someone-else@example.com", Ct));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
