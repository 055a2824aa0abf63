using System.Net;

namespace Dashboard.Circuits.Bench.SignalR;

/// <summary>
/// The same agents and steps as the Chromium ones (Agents.cs), as SignalR-level clients: each one circuit, signed in
/// as the demo agent, thinking between clicks. A click is timed from sending it to applying the render batch that
/// shows its result, so the figure is the server's part of click → render plus the loopback network, without a
/// browser's DOM, layout or JS.
/// </summary>
internal sealed class SignalRAgents(Uri app, CookieContainer cookies, string startPage, ErrorLog errors) : AgentPool<CircuitAgent>
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = cookies }) { Timeout = TimeSpan.FromSeconds(60) };
    private bool _sampled;

    public override async Task GrowToAsync(int count)
    {
        while (Agents.Count < count) Agents.Add(await CircuitAgent.OpenAsync(app, cookies, _http, startPage, errors));
    }

    protected override async Task<double?> TakeAsync(CircuitAgent agent, int index, AgentStep step)
    {
        if (step == AgentStep.Back)
        {
            await agent.BackAsync();
            return null;
        }
        var click = step == AgentStep.OpenUser ? await agent.OpenFirstUserAsync() : await agent.ClickButtonAsync(PagerButton(step));
        // A pager button can be missing (disabled on the last page); the first user's link never is, since every open
        // starts on the list: a click that cannot be made must not vanish from the figures.
        if (step == AgentStep.OpenUser && click is null) errors.Add($"agent {index + 1}: no user link to open on {agent.Location}");
        if (click is { } c && step == AgentStep.NextPage && !_sampled)
        {
            _sampled = true;
            Console.WriteLine($"sample click (agent {index + 1}, Next page): \"{c.Before} → \"{c.After} in {c.Ms:0.0} ms");
        }
        return click?.Ms;
    }

    // It goes back only as far as it needs to, whatever the last step was.
    protected override Task EndOnStartPageAsync(CircuitAgent agent, bool onUser) => agent.BackToStartPageAsync();

    protected override bool StopsOnlyTheAgent(int index, Exception e)
    {
        if (e is not (TimeoutException or InvalidOperationException or HttpRequestException)) return false;
        errors.Add($"agent {index + 1} stopped: {e.Message}");
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var agent in Agents) await agent.DisposeAsync();
        Agents.Clear();
        _http.Dispose();
    }
}
