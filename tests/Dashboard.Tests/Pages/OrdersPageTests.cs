using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Components.Shared;
using Dashboard.Core.Access;
using Dashboard.Core.Audit;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;
using Dashboard.Core.Export;
using Dashboard.Core.Stores;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OrdersPage = Dashboard.Components.Pages.Orders;

namespace Dashboard.Tests.Pages;

public sealed class OrdersPageTests : DashboardTestContext
{
    private IRenderedComponent<OrdersPage> RenderOrders(string tenant = TenantId, string? status = null, string? from = null, string? to = null, string? after = null)
    {
        RenderProviders();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters($"/t/{tenant}/orders",
            new Dictionary<string, object?> { ["status"] = status, ["from"] = from, ["to"] = to, ["after"] = after }));
        var cut = Render<OrdersPage>(p => p.Add(x => x.Tenant, tenant));
        cut.WaitForAssertion(() => Assert.DoesNotContain("Loading orders", cut.Markup));
        return cut;
    }

    private static List<string> Ids(IRenderedComponent<OrdersPage> cut) =>
        cut.FindAll("[role=region] tbody td[data-label=Order]").Select(td => td.TextContent.Trim()).ToList();

    private static List<string> Statuses(IRenderedComponent<OrdersPage> cut) =>
        cut.FindAll("[role=region] tbody td[data-label=Status]").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Pending_orders_show_newest_first_with_approximate_counts_and_page_back_and_forth()
    {
        var cut = RenderOrders(status: "Pending");

        var expected = (await Store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Pending), new(25), Ct)).Items.Select(o => o.Id).ToList();
        Assert.Equal(expected, Ids(cut));
        Assert.All(Statuses(cut), s => Assert.Equal("Pending", s));
        var counts = await Store.CountOrdersByStatusAsync(Ct);
        Assert.Contains($"~{counts[OrderStatus.Pending]:N0} in all", cut.Markup);
        Assert.NotNull(cut.Find("[role=region][aria-label='Orders of Sandbox']"));

        cut.Button("Next page").Click();
        cut.WaitForAssertion(() => Assert.Contains("Page 2", cut.Markup));
        var second = Ids(cut);
        Assert.Empty(second.Intersect(expected));
        Assert.Contains("status=Pending", Navigation.Uri);
        Assert.Contains("after=", Navigation.Uri);
        cut.Button("Previous page").Click();
        cut.WaitForAssertion(() => Assert.Equal(expected, Ids(cut)));
    }

    [Fact]
    public void A_row_opens_the_order_and_its_customer_is_a_link()
    {
        var cut = RenderOrders();
        var first = cut.Find("[role=region] tbody tr");
        var customer = first.QuerySelector("td[data-label=Customer] a")!.GetAttribute("href");

        first.Click();

        Assert.Matches("/t/sandbox/orders/[0-9A-Z]{26}$", Navigation.Uri);
        Assert.Matches("^/t/sandbox/users/[0-9A-Z]{26}$", customer);
    }

    [Theory]
    [InlineData("Lost", null, null, "“Lost” is not a status")]
    [InlineData(null, "2025-02-30", null, "is not a date")]
    [InlineData(null, "2025-03-01", "2025-02-01", "ends (2025-02-01) before it starts")]
    public void Bad_filter_values_in_the_url_say_what_was_ignored_and_the_list_still_shows(string? status, string? from, string? to, string message)
    {
        var cut = RenderOrders(status: status, from: from, to: to);

        Assert.Contains(cut.FindAll("[role=alert]"), a => a.TextContent.Contains(message));
        Assert.NotEmpty(Ids(cut));
    }

    [Fact]
    public void A_page_link_from_another_filter_starts_again_at_the_first_page()
    {
        var cut = RenderOrders(status: "Shipped", after: "bm90LWEtdG9rZW4");

        Assert.Contains("That page link is not valid any more", cut.Markup);
        Assert.Contains("Page 1", cut.Markup);
    }

    [Fact]
    public void A_backend_that_is_down_shows_why_and_a_way_to_try_again()
    {
        var cut = RenderOrders(tenant: "broken");

        var alert = cut.Find("[role=alert]");
        Assert.Contains("backend unavailable: broken (SQLite sandbox)", alert.TextContent);
        Assert.NotNull(cut.Button("Try again"));
        Assert.NotNull(cut.Button("Export CSV"));
    }

    [Fact]
    public void Viewers_see_orders_and_may_export_but_get_no_selection_or_status_change()
    {
        SignInAs(Role.Viewer, TenantId);
        var cut = RenderOrders();

        Assert.NotEmpty(Ids(cut));
        Assert.Empty(cut.FindAll("input.row-select"));
        Assert.Throws<InvalidOperationException>(() => cut.Button("Change status…"));
        Assert.NotNull(cut.Button("Export CSV"));
    }

    [Fact]
    public async Task Three_selected_orders_move_to_processing_and_the_one_someone_else_edited_reports_a_conflict()
    {
        var cut = RenderOrders(status: "Pending");
        var dialogs = RenderProviders();
        var picked = Ids(cut).Take(3).ToList();
        foreach (var id in picked) cut.Find($"input[aria-label='Select order {id}']").Change(true);
        // Another person edits the second one after it was listed.
        var other = await Store.GetOrderAsync(picked[1], Ct);
        await Store.UpdateOrderAsync(other.Id, other.Version, new OrderChanges(OrderStatus.Pending, [.. other.Items, new OrderItem("SKU-X", "Extra", 1, 1m)]), Ct);

        cut.Button("Change status of 3 selected").Click();
        dialogs.WaitForAssertion(() => dialogs.Button("Change status"));
        dialogs.Find(".mud-dialog .mud-select .mud-input-control-input-container").MouseDown();
        Popovers.WaitForAssertion(() => Popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Processing").Click());
        dialogs.Button("Change status").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("3 of 3 done: 2 updated, 1 conflict", dialogs.Markup));
        // The progress line reaches 3 of 3 just before the results table replaces the running state.
        dialogs.WaitForAssertion(() => Assert.Equal(3, dialogs.FindAll(".mud-dialog table tbody tr").Count));
        var results = dialogs.FindAll(".mud-dialog table tbody tr");
        Assert.Contains(results, r => r.TextContent.Contains(picked[1]) && r.TextContent.Contains("Conflict"));
        Assert.Equal(OrderStatus.Processing, (await Store.GetOrderAsync(picked[0], Ct)).Status);
        Assert.Equal(OrderStatus.Pending, (await Store.GetOrderAsync(picked[1], Ct)).Status);
        var audit = await Services.GetRequiredService<IAuditLog>().QueryAsync(new(Entity: "Order", EntityId: picked[0]), Ct);
        Assert.Contains(audit.Entries, e => e.Action == AuditAction.Update && e.ActorId == "ops@example.com");
    }

    [Fact]
    public void The_export_dialog_links_the_current_filter_and_follows_the_export_it_started()
    {
        var cut = RenderOrders(status: "Pending", from: "2025-01-01");
        var dialogs = RenderProviders();

        cut.Button("Export CSV").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("a[download]"));
        var link = dialogs.Find("a[download]");
        var href = link.GetAttribute("href")!;
        Assert.StartsWith("/t/sandbox/export/orders.csv?status=Pending&from=2025-01-01&job=", href);
        Assert.Contains("Download CSV", link.TextContent);

        // The browser's download asks the endpoint, which registers the job; the dialog shows its rows and can cancel it.
        var jobId = href[(href.IndexOf("job=", StringComparison.Ordinal) + 4)..];
        var job = Services.GetRequiredService<ExportJobs>().Start(jobId, "ops@example.com")!;
        job.Report(1200);
        link.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("1,200 rows so far", dialogs.Markup));
        dialogs.Button("Cancel export").Click();
        Assert.True(job.CancellationToken.IsCancellationRequested);
        job.End(new ExportOutcome(ExportResult.Cancelled, 1300), null, DateTimeOffset.UtcNow);
        dialogs.WaitForAssertion(() => Assert.Contains("Cancelled after 1,300 rows", dialogs.Markup));
    }

    [Fact]
    public async Task An_export_writes_every_matching_order_and_is_audited_with_its_filter_and_rows()
    {
        var exporter = Services.GetRequiredService<CsvExporter>();
        var person = new Person("viewer@example.com", "Vic Viewer", Role.Viewer, new HashSet<string> { TenantId });
        var store = new TenantStoreFactory(Services.GetRequiredService<Dashboard.Core.Tenants.TenantRegistry>(), Services.GetRequiredService<ITenantBackends>(),
            new FixedPerson(person), Services.GetRequiredService<IAuditLog>(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditedDataStore>.Instance).For(TenantId);
        using var output = new MemoryStream();

        var outcome = await exporter.ExportAsync(store, person, new OrdersExportFilter(new OrderQuery(OrderStatus.Pending)), output, null, Ct);

        var expected = new List<string>();
        await foreach (var page in Dashboard.Core.Paging.ListingPages.AllAsync((p, c) => Store.ListTenantOrdersAsync(new OrderQuery(OrderStatus.Pending), p, c), 100, Ct))
            expected.AddRange(page.Items.Select(o => o.Id));
        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(outcome.Completed);
        Assert.Equal(expected, lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.Equal("Pending", l.Split(',')[2]));
        var entry = Assert.Single((await Services.GetRequiredService<IAuditLog>().QueryAsync(new(Entity: "Export"), Ct)).Entries);
        Assert.Equal(("viewer@example.com", TenantId, "orders?status=Pending", AuditAction.Export), (entry.ActorId, entry.Tenant, entry.EntityId, entry.Action));
        Assert.Contains($"\"rows\":{expected.Count}", entry.After);
    }

    [Fact]
    public async Task An_agent_without_a_grant_cannot_export_the_tenant()
    {
        var person = new Person("agent@example.com", "Sam Support", Role.Support, new HashSet<string> { "acme" });
        var factory = new TenantStoreFactory(Services.GetRequiredService<Dashboard.Core.Tenants.TenantRegistry>(), Services.GetRequiredService<ITenantBackends>(),
            new FixedPerson(person), Services.GetRequiredService<IAuditLog>(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditedDataStore>.Instance);

        Assert.Throws<ForbiddenException>(() => factory.For(TenantId));
        await Task.CompletedTask;
    }
}
