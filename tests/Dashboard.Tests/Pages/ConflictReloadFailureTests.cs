using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Domain;
using Dashboard.Core.Errors;

namespace Dashboard.Tests.Pages;

/// <summary>
/// Someone else saves first, so my save is a conflict, and the page reloads the current values; when that
/// reload fails too (throttled, unavailable), the page says so, keeps my edits, and a later save still works.
/// The other person's save lands between my save's read and its write, so the conflict comes from the backend.
/// </summary>
public sealed class ConflictReloadFailureTests : DashboardTestContext
{
    public static TheoryData<string> ReloadFailures => ["throttled", "unavailable"];

    private static StoreException Failure(string kind) => kind == "throttled"
        ? new ThrottledException(TenantId, "SQLite sandbox", "SQLITE_BUSY (database is locked)")
        : new BackendUnavailableException(TenantId, "SQLite sandbox", "unable to open database file");

    private static string Described(string kind) => kind == "throttled"
        ? "sandbox (SQLite sandbox) is throttling requests right now (SQLITE_BUSY (database is locked))"
        : "backend unavailable: sandbox (SQLite sandbox): unable to open database file";

    [Theory]
    [MemberData(nameof(ReloadFailures))]
    public async Task An_order_page_whose_conflict_reload_fails_says_so_keeps_my_edit_and_saves_it_later(string kind)
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var order = await Store.CreateOrderAsync(new NewOrder(ada.Id, "USD", [new OrderItem("SKU-1", "Keyboard", 2, 10.00m)]), Ct);
        _ = Snackbars;
        RenderProviders();
        var cut = Render<OrderDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.OrderId, order.Id));
        cut.WaitForAssertion(() => cut.Field("Quantity, line 1"));
        cut.Type("Quantity, line 1", "4");
        Faults.BeforeNextUpdate(async () =>
        {
            await Store.UpdateOrderAsync(order.Id, order.Version, new OrderChanges(OrderStatus.Processing, order.Items), Ct);
            Faults.FailReads(Failure(kind));
        });

        cut.Button("Save").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains(SnackbarTexts(), t =>
            t.StartsWith("Someone else changed this, and the current values could not be loaded:") && t.Contains(Described(kind))));
        Assert.Equal("4", cut.Field("Quantity, line 1").GetAttribute("value"));
        Assert.False(cut.Button("Save").HasAttribute("disabled"));

        Faults.Clear();
        cut.Button("Save").Click();
        cut.WaitForAssertion(() => Assert.Contains("This order was changed by someone else.", cut.Markup));
        cut.Button("Re-apply my changes").Click();
        cut.Button("Save").Click();

        await cut.WaitForAssertionAsync(async () => Assert.Equal(4, (await Store.GetOrderAsync(order.Id, Ct)).Items[0].Quantity));
        Assert.Equal(OrderStatus.Processing, (await Store.GetOrderAsync(order.Id, Ct)).Status);
    }

    [Theory]
    [MemberData(nameof(ReloadFailures))]
    public async Task A_profile_whose_conflict_reload_fails_says_so_keeps_my_edit_and_saves_it_later(string kind)
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        _ = Snackbars;
        RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, ada.Id));
        cut.WaitForAssertion(() => cut.Field("Name"));
        cut.Type("Name", "Mine");
        Faults.BeforeNextUpdate(async () =>
        {
            await Store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Theirs"), Ct);
            Faults.FailReads(Failure(kind));
        });

        cut.Button("Save").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains(SnackbarTexts(), t =>
            t.StartsWith("Someone else changed this, and the current values could not be loaded:") && t.Contains(Described(kind))));
        Assert.Equal("Mine", cut.Field("Name").GetAttribute("value"));
        Assert.False(cut.Button("Save").HasAttribute("disabled"));

        Faults.Clear();
        Assert.Equal("Theirs", (await Store.GetUserAsync(ada.Id, Ct)).Name);
        cut.Button("Save").Click();
        cut.WaitForAssertion(() => Assert.Contains("This user was changed by someone else", cut.Markup));
        cut.Button("Re-apply my changes").Click();
        cut.Button("Save").Click();

        await cut.WaitForAssertionAsync(async () => Assert.Equal("Mine", (await Store.GetUserAsync(ada.Id, Ct)).Name));
    }
}
