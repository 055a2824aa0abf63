using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>
/// A request that fails on the server gets the error page with its request id (the one its log lines carry),
/// HTTP 500, and a way to try again; not the "nothing lives here" page. The failure comes from a path that
/// only this test's host has: the product has no route that fails on purpose.
/// </summary>
public sealed partial class ErrorPageHttpTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_error_shows_the_error_page_with_the_request_id_and_a_retry_link()
    {
        var failing = new FailingPath("/fails-in-this-test-only");
        await using var app = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(failing)));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        await DashboardServer.PostLoginAsync(client, "ops@example.com", "ops-pass-1");

        var response = await client.GetAsync("/fails-in-this-test-only?page=2", Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("<h1 id=\"error-title\">Something went wrong</h1>", html);
        Assert.DoesNotContain("Nothing lives at this address", html);
        Assert.NotNull(failing.RequestId);
        Assert.Equal(failing.RequestId, RequestId().Match(html).Groups[1].Value);
        Assert.Contains("href=\"/fails-in-this-test-only?page=2\">Try again</a>", html);
        Assert.Contains("css/error-page.css", html);
    }

    [Fact]
    public async Task An_unknown_address_still_shows_not_found()
    {
        var client = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        var response = await client.GetAsync("/no/such/page", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing lives at this address", await response.Content.ReadAsStringAsync(Ct));
    }

    [GeneratedRegex("<code data-testid=\"request-id\">([^<]+)</code>")]
    private static partial Regex RequestId();

    /// <summary>Appended after the app's own pipeline: a GET to <paramref name="path"/> (which no endpoint serves) throws.</summary>
    private sealed class FailingPath(string path) : IStartupFilter
    {
        public string? RequestId { get; private set; }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, following) =>
            {
                if (context.Request.Path != path) return following(context);
                // What the error page shows for this request, taken the same way.
                RequestId = Activity.Current?.Id ?? context.TraceIdentifier;
                throw new InvalidOperationException("A server fault, for the test.");
            });
        };
    }
}
