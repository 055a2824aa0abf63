using System.Net;
using Dashboard.Access;
using Dashboard.AppStore.Sessions;
using Dashboard.Core.Access;
using Dashboard.Core.Errors;
using Dashboard.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>
/// Finding 2 over HTTP on the real app: signing out ends the session (a copied cookie stops working), sessions
/// are shared by instances through the app store, and Ops see everyone's sessions.
/// </summary>
public sealed class SessionHttpTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<CookieJar> SignedInAsync(DashboardServer on, string email, string password)
    {
        var jar = on.Jar();
        Assert.Equal(HttpStatusCode.Redirect, (await jar.SignInAsync(email, password)).StatusCode);
        return jar;
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_reads_the_audit_log()
    {
        var person = await SignedInAsync(server, "ops@example.com", "ops-pass-1");
        var copy = person.CopyTo(server.RawClient());
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/audit")).StatusCode);

        var signOut = await person.SignOutAsync();
        Assert.StartsWith("/login", signOut.RedirectPath());

        Assert.True((await copy.GetAsync("/audit")).SendsToSignIn());
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/metrics", accept: "text/plain")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.SendAsync(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1")).StatusCode);
    }

    [Fact]
    public async Task The_session_probe_answers_204_while_signed_in_and_401_once_signed_out_never_cached()
    {
        var person = await SignedInAsync(server, "agent@example.com", "agent-pass-1");
        var copy = person.CopyTo(server.RawClient());
        var standing = await copy.GetAsync("/session", accept: "application/json");
        Assert.Equal(HttpStatusCode.NoContent, standing.StatusCode);
        Assert.Equal("no-store", standing.Headers.CacheControl?.ToString());

        await person.SignOutAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/session", accept: "application/json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Jar().GetAsync("/session", accept: "application/json")).StatusCode);
    }

    [Fact]
    public async Task Ops_see_everyones_sessions_on_the_sessions_page()
    {
        await SignedInAsync(server, "viewer@example.com", "viewer-pass-1");
        var ops = await SignedInAsync(server, "ops@example.com", "ops-pass-1");
        var page = await (await ops.GetAsync("/ops/sessions")).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Active sessions", page);
        Assert.Contains("viewer@example.com", page);
        Assert.Contains("this session", page);
    }

    [Fact]
    public async Task Only_Ops_may_list_or_revoke_sessions_in_the_service_layer()
    {
        var sessions = server.Started().Services.GetRequiredService<PersonSessions>();
        foreach (var who in new[] { AccessWorld.Agent, AccessWorld.Viewer, Person.Anonymous })
        {
            var admin = new SessionsAdmin(sessions, new PersonSlot { Person = who },
                new TestAuthenticationState(DashboardClaims.Principal("x@example.com", "X", Role.Support, [])));
            await Assert.ThrowsAsync<ForbiddenException>(() => admin.ListAsync(null, Ct));
            await Assert.ThrowsAsync<ForbiddenException>(() => admin.RevokeAsync("0123", Ct));
            await Assert.ThrowsAsync<ForbiddenException>(() => admin.RevokePersonAsync("ops@example.com", Ct));
        }
    }

    [Fact]
    public async Task Two_instances_share_sessions_and_lockout_and_a_sign_out_on_one_reaches_the_other_within_the_cache_window()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-shared-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = Path.Combine(folder, "dashboard.db");
        var settings = new Dictionary<string, string?> { ["Auth:Sessions:CacheDuration"] = "00:00:02" };
        await using var first = new DashboardServer { AppStorePath = store, Settings = settings };
        var person = await SignedInAsync(first, "ops@example.com", "ops-pass-1"); // also makes the shared key
        await using var second = new DashboardServer { AppStorePath = store, Settings = settings };
        var elsewhere = person.CopyTo(second.RawClient());

        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/audit")).StatusCode);
        var copyHere = person.CopyTo(first.RawClient());
        await person.SignOutAsync();
        Assert.True((await copyHere.GetAsync("/audit")).SendsToSignIn()); // the instance that revoked: at once

        var deadline = DateTime.UtcNow.AddSeconds(30); // generous: the window is 2 s
        while (!(await elsewhere.GetAsync("/audit")).SendsToSignIn())
        {
            Assert.True(DateTime.UtcNow < deadline, "the other instance still accepts the signed-out session");
            await Task.Delay(250, Ct);
        }

        // Lockout: five wrong passwords on one instance lock the account on the other.
        var guesser = first.Jar();
        for (var i = 0; i < 5; i++) await guesser.SignInAsync("viewer@example.com", $"wrong-{i}");
        var right = await second.Jar().SignInAsync("viewer@example.com", "viewer-pass-1");
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("Too many failed attempts", await right.Content.ReadAsStringAsync(Ct));
    }
}
