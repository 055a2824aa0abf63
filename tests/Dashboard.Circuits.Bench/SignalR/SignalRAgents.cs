using System.Diagnostics;
using System.Net;

namespace Dashboard.Circuits.Bench.SignalR;

/// <summary>
/// The same agents and steps as the Chromium ones (Agents.cs), as SignalR-level clients: each one circuit, signed in
/// as the demo agent, thinking between clicks. A click is timed from sending it to applying the render batch that
/// shows its result, so the figure is the server's part of click → render plus the loopback network, without a
/// browser's DOM, layout or JS.
/// </summary>
internal sealed class SignalRAgents(Uri app, CookieContainer cookies, string startPage, ErrorLog errors) : IAgentPool
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = cookies }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<CircuitAgent> _agents = [];
    private bool _sampled;

    public async Task GrowToAsync(int count)
    {
        while (_agents.Count < count) _agents.Add(await CircuitAgent.OpenAsync(app, cookies, _http, startPage, errors));
    }

    public async Task<List<double>> WorkAsync(TimeSpan duration, TimeSpan think)
    {
        var until = Stopwatch.StartNew();
        var latencies = new List<double>();
        await Task.WhenAll(_agents.Select(async (agent, i) =>
        {
            var random = new Random(i);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next((int)think.TotalMilliseconds)));
            var onUser = false;
            try
            {
                for (var step = 0; until.Elapsed < duration; step++)
                {
                    var action = (step % 8) switch { < 3 => "Next page", < 6 => "Previous page", 6 => null, _ => "back" };
                    if (action == "back")
                    {
                        await agent.BackAsync(); // not counted, as in the Chromium agent
                    }
                    else
                    {
                        var click = action is null ? await agent.OpenFirstUserAsync() : await agent.ClickButtonAsync(action);
                        // A pager button can be missing (disabled on the last page); the first user's link never is,
                        // since every open starts on the list: a click that cannot be made must not vanish from the figures.
                        if (action is null && click is null) errors.Add($"agent {i + 1}: no user link to open on {agent.Location}");
                        if (click is { } c)
                        {
                            lock (latencies) latencies.Add(c.Ms);
                            if (action == "Next page" && !_sampled)
                            {
                                _sampled = true;
                                Console.WriteLine($"sample click (agent {i + 1}, Next page): \"{c.Before} → \"{c.After} in {c.Ms:0.0} ms");
                            }
                        }
                    }
                    onUser = action is null;
                    await Task.Delay(think * (0.5 + random.NextDouble()));
                }
                // Back on the start page, so memory is measured with every agent there, as it says.
                if (onUser || !agent.IsOnStartPage()) await agent.BackToStartPageAsync();
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
            {
                errors.Add($"agent {i + 1} stopped: {e.Message}");
            }
        }));
        return latencies;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents) await agent.DisposeAsync();
        _agents.Clear();
        _http.Dispose();
    }
}
