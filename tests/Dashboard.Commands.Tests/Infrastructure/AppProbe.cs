using System.Net;

namespace Dashboard.Commands.Tests.Infrastructure;

/// <summary>Waits for a started app to answer, and the two pages that show it works: /healthz and the login page.</summary>
public static class AppProbe
{
    public static HttpClient Client(Uri app) => new(new HttpClientHandler { AllowAutoRedirect = false })
    {
        BaseAddress = app,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Polls /healthz until it answers 200 (a "did it ever start" bound, not a timing target).</summary>
    public static async Task WaitUntilHealthyAsync(HttpClient http, Command command, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (command.HasExited) Assert.Fail($"The command exited before the app answered.\n{await command.StopAsync()}");
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        Assert.Fail($"/healthz did not answer 200 within {within.TotalSeconds:0} s.\n{await command.StopAsync()}");
    }

    /// <summary>The sign-in page, rendered by the server, with its form.</summary>
    public static async Task AssertLoginPageAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/login");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">Sign in<", html);
        Assert.Contains("type=\"password\"", html);
    }
}
