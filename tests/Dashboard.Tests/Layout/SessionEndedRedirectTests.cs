using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Components.Shared;
using Dashboard.Tests.Pages;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Layout;

/// <summary>An open tab whose session ends goes to the sign-in page, with the way back to where it was.</summary>
public sealed class SessionEndedRedirectTests : IAsyncDisposable
{
    private readonly BunitContext _context = new();
    private readonly TestAuthenticationState _auth = new(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "ops@example.com")], authenticationType: "test")));

    public SessionEndedRedirectTests()
    {
        _context.Services.AddSingleton<AuthenticationStateProvider>(_auth);
        _context.Services.AddScoped<Dashboard.Services.SignInRedirect>();
    }

    private BunitNavigationManager Navigation => _context.Services.GetRequiredService<BunitNavigationManager>();

    [Fact]
    public async Task While_signed_in_it_stays()
    {
        Navigation.NavigateTo("/audit?before=5");
        var cut = _context.Render<SessionEndedRedirect>();

        _auth.Set((await _auth.GetAuthenticationStateAsync()).User); // revalidated, still signed in

        Assert.Equal("http://localhost/audit?before=5", Navigation.Uri);
    }

    [Fact]
    public void Once_anonymous_it_loads_the_sign_in_page_once_with_the_way_back_whoever_else_redirects()
    {
        Navigation.NavigateTo("/audit?before=5");
        var cut = _context.Render<SessionEndedRedirect>();

        _auth.Set(new ClaimsPrincipal(new ClaimsIdentity()));

        const string signIn = "/login?returnUrl=%2Faudit%3Fbefore%3D5";
        cut.WaitForAssertion(() =>
        {
            var navigation = Assert.Single(Navigation.History, h => h.Uri == signIn);
            Assert.True(navigation.Options.ForceLoad); // a full load: the sign-in page is not a page of the circuit
        });

        // A second change, and the route view's own redirect for the now unauthorized page, do not navigate again:
        // two full loads a moment apart make the browser abort the first.
        _auth.Set(new ClaimsPrincipal(new ClaimsIdentity()));
        _context.Render<RedirectToLogin>();
        Assert.Single(Navigation.History, h => h.Uri == signIn);
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
