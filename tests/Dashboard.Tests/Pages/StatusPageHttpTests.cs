using System.Net;
using Dashboard.Tests.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Pages;

/// <summary>
/// An error response without a body gets a page that fits its status, with the status kept: 404 is still "not
/// found", others say what happened instead of "Nothing lives at this address". Bare statuses other than the
/// ones the app gives on its own come from a path only this test's host has.
/// </summary>
public sealed class StatusPageHttpTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private const string NotFoundText = "Nothing lives at this address";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int, string> Statuses => new()
    {
        { 400, "The request was not understood" },
        { 405, "Not answered this way" },
        { 413, "The request was too large" },
        { 429, "Too many requests, try again in a moment" },
        { 503, "Not available right now" },
        { 418, "The server answered with status 418." },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task A_bare_error_status_shows_its_own_message_and_keeps_the_status(int status, string expected)
    {
        await using var app = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new BareStatusPath("/bare-status-in-this-test-only"))));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        await DashboardServer.PostLoginAsync(client, "ops@example.com", "ops-pass-1");

        var response = await client.GetAsync($"/bare-status-in-this-test-only?status={status}", Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(expected), html);
        Assert.Contains($"data-status=\"{status}\"", html);
        Assert.DoesNotContain(NotFoundText, html);
    }

    [Fact]
    public async Task A_method_an_address_does_not_take_says_so_not_that_nothing_lives_there()
    {
        var client = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        var response = await client.DeleteAsync("/audit", Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("Not answered this way", html);
        Assert.DoesNotContain(NotFoundText, html);
    }

    [Fact]
    public async Task An_unknown_address_keeps_the_not_found_page()
    {
        var client = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        var response = await client.GetAsync("/no/such/page/either", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(NotFoundText, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_status_page_opened_directly_is_not_found()
    {
        var client = await server.SignedInAsync("ops@example.com", "ops-pass-1");

        var response = await client.GetAsync("/status", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(NotFoundText, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Appended after the app's own pipeline: a GET to <paramref name="path"/> answers ?status= with no body.</summary>
    private sealed class BareStatusPath(string path) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, following) =>
            {
                if (context.Request.Path != path) return following(context);
                context.Response.StatusCode = int.Parse(context.Request.Query["status"]!, System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
        };
    }
}
