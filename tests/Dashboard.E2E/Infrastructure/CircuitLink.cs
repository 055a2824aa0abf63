using System.Text.RegularExpressions;

namespace Dashboard.E2E.Infrastructure;

/// <summary>
/// A page's connection to its circuit, cut and restored on cue: the socket is closed and every reconnection attempt
/// (negotiation and socket) refused until restored, while the circuit lives on at the server.
/// </summary>
public sealed class CircuitLink
{
    private static readonly Regex Hub = new("/_blazor");
    private readonly List<IWebSocketRoute> _open = [];
    private volatile bool _cut;

    /// <summary>Attach before the page loads: only connections made afterwards pass through the link.</summary>
    public static async Task<CircuitLink> AttachAsync(IPage page)
    {
        var link = new CircuitLink();
        await page.RouteAsync(Hub, route => link._cut ? route.AbortAsync() : route.ContinueAsync());
        await page.RouteWebSocketAsync(Hub, async socket =>
        {
            if (link._cut)
            {
                await socket.CloseAsync();
                return;
            }
            socket.ConnectToServer();
            lock (link._open) link._open.Add(socket);
        });
        return link;
    }

    public async Task CutAsync()
    {
        _cut = true;
        IWebSocketRoute[] open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }
        foreach (var socket in open) await socket.CloseAsync();
    }

    public void Restore() => _cut = false;
}
