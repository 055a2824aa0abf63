using Bunit;
using Dashboard.Components.Shared;
using Dashboard.Core.Access;
using Dashboard.Core.Stores;

namespace Dashboard.Tests.Pages;

public sealed class JumpBoxTests : DashboardTestContext
{
    private IRenderedComponent<JumpBox> RenderBox()
    {
        Snackbars.ToString();
        return Render<JumpBox>(p => p.Add(x => x.CurrentTenant, TenantId));
    }

    private static void Go(IRenderedComponent<JumpBox> cut, string text)
    {
        cut.Find("input[aria-label='Order id, email or user id']").Input(text);
        cut.Find("form[role=search]").Submit();
    }

    [Fact]
    public async Task A_pasted_order_id_opens_the_order_even_in_lower_case()
    {
        var order = (await Store.ListTenantOrdersAsync(OrderQuery.All, new(1), Ct)).Items[0];
        var cut = RenderBox();

        Go(cut, $"  {order.Id.ToLowerInvariant()} ");

        // The other tenant of this test app cannot be asked (its backend is broken): the order opens all the same, and that is said.
        cut.WaitForAssertion(() => Assert.EndsWith($"/t/sandbox/orders/{order.Id}", Navigation.Uri));
        Snackbars.WaitForAssertion(() => Assert.Contains(SnackbarTexts(), t => t.Contains("Broken could not be searched")));
    }

    [Fact]
    public async Task An_email_or_a_user_id_opens_that_user()
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        var cut = RenderBox();

        Go(cut, "ADA@example.com");
        cut.WaitForAssertion(() => Assert.EndsWith($"/t/sandbox/users/{ada.Id}", Navigation.Uri));

        Navigation.NavigateTo("/");
        Go(cut, ada.Id);
        cut.WaitForAssertion(() => Assert.EndsWith($"/t/sandbox/users/{ada.Id}", Navigation.Uri));
    }

    [Fact]
    public void Other_text_opens_the_users_search_of_the_current_tenant()
    {
        var cut = RenderBox();

        Go(cut, "grace");

        cut.WaitForAssertion(() => Assert.EndsWith("/t/sandbox/users?q=grace&by=name", Navigation.Uri));
    }

    [Fact]
    public void An_id_that_is_nowhere_says_so_and_names_the_tenant_that_could_not_be_asked()
    {
        var cut = RenderBox();
        var before = Navigation.Uri;

        Go(cut, "01ARZ3NDEKTSV4RRFFQ69G5FAV");

        cut.WaitForAssertion(() => Assert.Contains("No order or user with this id in your tenants.", cut.Markup));
        Assert.Contains("Broken could not be searched", cut.Markup);
        Assert.Equal(before, Navigation.Uri);
    }

    [Fact]
    public void Only_tenants_the_person_may_read_are_asked()
    {
        SignInAs(Role.Support, "broken");
        var cut = RenderBox();

        Go(cut, "ada@example.com");

        cut.WaitForAssertion(() => Assert.Contains("No user with this email in your tenants.", cut.Markup));
    }
}
