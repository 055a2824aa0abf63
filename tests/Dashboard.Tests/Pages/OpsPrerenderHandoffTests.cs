using Bunit;
using Dashboard.Components.Pages.Ops;
using Dashboard.Core.Access;
using Dashboard.Core.Stores;
using Dashboard.Operations;
using Dashboard.Operations.Metering.Rolling;
using Dashboard.Operations.Queries;
using Dashboard.Services;
using Dashboard.Tests.Metering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>
/// An ops page's prerender hands its model to the circuit's first render, which shows it without querying again;
/// a model built for another tenant or another person is never shown, and the page still refreshes on its timer.
/// Queries are counted around the real rolling-store query.
/// </summary>
public sealed class OpsPrerenderHandoffTests : DashboardTestContext
{
    private readonly CountingThroughput _queries = new();

    public OpsPrerenderHandoffTests()
    {
        // Registered first, so the operations' own registration keeps this one: the real query, counted.
        Services.AddSingleton<IThroughputSource>(sp => _queries.Over(sp.GetRequiredService<ThroughputQuery>()));
        Services.AddDashboardOperations(new ConfigurationBuilder().Build());
    }

    private void RecordCalls(string tenant, int calls)
    {
        var store = Services.GetRequiredService<RollingStore>();
        for (var i = 0; i < calls; i++) store.Record(Calls.Finished(Calls.Series(tenant, "DynamoDB", StoreOperation.GetUser), 5));
    }

    private static IReadOnlyList<string> TenantRows(IRenderedComponent<Throughput> cut) =>
        cut.FindAll("[aria-label='Throughput by provider, tenant and operation'] td[data-label=Name] strong").Select(s => s.TextContent.Trim()).ToList();

    private void Prerendering(bool yes) =>
        Renderer.SetRendererInfo(new RendererInfo(yes ? "Static" : "Server", isInteractive: !yes));

    /// <summary>Renders the page as a prerender would, then lets the framework persist what it hands on.</summary>
    private IRenderedComponent<Throughput> Prerender(string uri)
    {
        Navigation.NavigateTo(uri);
        Prerendering(true);
        var cut = Render<Throughput>();
        cut.WaitForAssertion(() => Assert.NotEmpty(TenantRows(cut)));
        PrerenderState.TriggerOnPersisting();
        return cut;
    }

    [Fact]
    public void The_first_interactive_render_shows_the_prerendered_model_without_querying_again_and_the_timer_still_refreshes()
    {
        RecordCalls("c01", 3);
        RenderProviders();
        var prerendered = Prerender("/ops/throughput?tenant=c01");
        Assert.Equal(1, _queries.Count);
        var prerenderedRows = TenantRows(prerendered);

        Prerendering(false);
        var cut = Render<Throughput>();

        Assert.Equal(prerenderedRows, TenantRows(cut));
        Assert.Equal(1, _queries.Count);
        // Live as before: the timer's refresh (within the 5 s period) queries again and shows what changed.
        RecordCalls("c01", 2);
        cut.WaitForAssertion(() => Assert.Equal(2, _queries.Count), TimeSpan.FromSeconds(12));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[aria-label='Throughput by provider'] td[data-label=Calls]"), c => c.TextContent.Trim() == "5"));
    }

    [Fact]
    public async Task A_model_prerendered_for_another_tenant_is_not_shown()
    {
        RecordCalls("c01", 3);
        RecordCalls("c02", 4);
        RenderProviders();
        Prerender("/ops/throughput?tenant=c01");
        Assert.Equal(1, _queries.Count);

        // The same browser state, but the circuit starts on another tenant's page (the prerendered one is gone).
        await DisposeComponentsAsync();
        Render<MudBlazor.MudPopoverProvider>();
        Navigation.NavigateTo("/ops/throughput?tenant=c02");
        Prerendering(false);
        var cut = Render<Throughput>();

        cut.WaitForAssertion(() => Assert.Equal(["c02"], TenantRows(cut)));
        Assert.Equal(1, _queries.For("c02"));
        Assert.Equal(2, _queries.Count);
        Assert.Equal(0, Services.GetRequiredService<PrerenderedModels>().Count);
    }

    [Fact]
    public void A_model_prerendered_for_another_person_is_not_shown()
    {
        RecordCalls("c01", 3);
        RenderProviders();
        Prerender("/ops/throughput");

        // Another Ops person in the same browser (the cookie changed between the prerender and the circuit).
        SignedIn.Set(Dashboard.Access.DashboardClaims.Principal("oscar@example.com", "Oscar Ops", Role.Ops, []));
        Prerendering(false);
        var cut = Render<Throughput>();

        cut.WaitForAssertion(() => Assert.Contains("c01", TenantRows(cut)));
        Assert.Equal(2, _queries.Count);
    }

    /// <summary>Counts the page's queries and passes each to the real one.</summary>
    private sealed class CountingThroughput
    {
        private int _count;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byTenant = new();

        public int Count => Volatile.Read(ref _count);

        public int For(string tenant) => _byTenant.GetValueOrDefault(tenant);

        public IThroughputSource Over(IThroughputSource real) => new Source(real, this);

        private sealed class Source(IThroughputSource real, CountingThroughput counter) : IThroughputSource
        {
            public Task<ThroughputReport> BuildAsync(OpsWindow window, string? tenant, CancellationToken ct)
            {
                Interlocked.Increment(ref counter._count);
                counter._byTenant.AddOrUpdate(tenant ?? "", 1, (_, n) => n + 1);
                return real.BuildAsync(window, tenant, ct);
            }
        }
    }
}
