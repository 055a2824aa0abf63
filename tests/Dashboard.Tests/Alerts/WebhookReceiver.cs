using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dashboard.Operations.Alerts;
using Dashboard.Testing;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// A real HTTP receiver on a loopback port (HttpListener): keeps every notification POSTed to it. It can answer
/// 503 to the first <see cref="RefuseFirst"/> posts, to exercise the retries.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _posts;

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{FreePort.Next()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }
    public int RefuseFirst { get; set; }
    public ConcurrentQueue<AlertNotification> Received { get; } = new();
    public int Posts => Volatile.Read(ref _posts);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            var n = Interlocked.Increment(ref _posts);
            if (n <= RefuseFirst)
            {
                context.Response.StatusCode = 503;
            }
            else
            {
                var body = await JsonSerializer.DeserializeAsync<AlertNotification>(context.Request.InputStream, WebhookNotifier.Json);
                Received.Enqueue(body!);
                context.Response.StatusCode = 204;
            }
            context.Response.Close();
        }
    }

    /// <summary>Waits (real time) until <paramref name="done"/> holds, up to <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(Func<WebhookReceiver, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (done(this)) return true;
            await Task.Delay(50);
        }
        return done(this);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (Exception) { }
    }
}
