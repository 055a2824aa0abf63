using Bunit;
using Dashboard.Components.Pages;
using Dashboard.Core.Domain;

namespace Dashboard.Tests.Pages;

/// <summary>
/// A user's avatar shows as an image only from a host the CSP lets the browser load; any other address shows the
/// person's initials, and the profile form says why under the Avatar URL field.
/// </summary>
public sealed class UserAvatarTests : DashboardTestContext
{
    private async Task<IRenderedComponent<UserDetail>> RenderAdaWithAvatarAsync(string? avatarUrl)
    {
        var ada = (await Store.FindUserByEmailAsync("ada@example.com", Ct))!;
        ada = await Store.UpdateUserAsync(ada.Id, ada.Version, new UserChanges(ada.Email, "Ada Lovelace", avatarUrl), Ct);
        RenderProviders();
        var cut = Render<UserDetail>(p => p.Add(x => x.Tenant, TenantId).Add(x => x.UserId, ada.Id));
        cut.WaitForAssertion(() => Assert.Contains("Ada Lovelace", cut.Find("h1").TextContent));
        return cut;
    }

    private static IReadOnlyList<string?> AvatarImages(IRenderedComponent<UserDetail> cut) =>
        cut.FindAll(".mud-avatar img").Select(i => i.GetAttribute("src")).ToList();

    [Fact]
    public async Task An_avatar_from_an_allowed_host_is_shown_as_the_image()
    {
        var cut = await RenderAdaWithAvatarAsync($"https://{AllowedAvatarHost}/ada.png");

        Assert.Equal([$"https://{AllowedAvatarHost}/ada.png"], AvatarImages(cut));
        Assert.Equal("", cut.FieldMessage("Avatar URL (optional)"));
    }

    [Theory]
    [InlineData("https://tracker.example.org/ada.png")]        // a host nobody allowed
    [InlineData("http://avatars.example.com/ada.png")]         // the allowed host, but not over https
    [InlineData("https://avatars.example.com:8443/ada.png")]   // the allowed host on another port
    [InlineData("https://evil.avatars.example.com/ada.png")]   // a subdomain: only "*." entries allow those
    public async Task An_avatar_from_any_other_address_shows_the_initials_and_a_hint(string url)
    {
        var cut = await RenderAdaWithAvatarAsync(url);

        Assert.Empty(AvatarImages(cut));
        Assert.Equal("AL", cut.Find(".mud-avatar").TextContent.Trim());
        Assert.Equal($"Images from this host are not shown (allowed: {AllowedAvatarHost}).", cut.FieldMessage("Avatar URL (optional)"));
    }

    [Fact]
    public async Task Without_an_avatar_the_initials_show_and_no_hint()
    {
        var cut = await RenderAdaWithAvatarAsync(null);

        Assert.Empty(AvatarImages(cut));
        Assert.Equal("AL", cut.Find(".mud-avatar").TextContent.Trim());
        Assert.Equal("", cut.FieldMessage("Avatar URL (optional)"));
    }

    [Fact]
    public async Task The_hint_follows_what_is_typed_before_saving()
    {
        var cut = await RenderAdaWithAvatarAsync(null);

        cut.Type("Avatar URL (optional)", "https://elsewhere.example.org/me.png");
        Assert.Equal($"Images from this host are not shown (allowed: {AllowedAvatarHost}).", cut.FieldMessage("Avatar URL (optional)"));

        cut.Type("Avatar URL (optional)", $"https://{AllowedAvatarHost}/me.png");
        Assert.Equal("", cut.FieldMessage("Avatar URL (optional)"));
    }
}
