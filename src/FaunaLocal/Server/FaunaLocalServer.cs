using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace FaunaLocal.Server;

/// <summary>
/// A FaunaLocal server, standalone or inside a test process:
/// <code>await using var server = new FaunaLocalServer(new() { Port = 0, DataDirectory = null });
/// var url = await server.StartAsync();</code>
/// </summary>
public sealed class FaunaLocalServer(FaunaLocalOptions options) : IAsyncDisposable, IDisposable
{
    private WebApplication? _app;
    private ListenOptions? _public;

    public FaunaLocalOptions Options { get; } = options;
    public Store? Store { get; private set; }

    /// <summary>The event stream endpoint (how many streams are open).</summary>
    public StreamEndpoint? Streams { get; private set; }

    /// <summary>The ops reported spent per database since start (<c>GET /usage/1</c>).</summary>
    public UsageLedger Usage { get; } = new();
    public Uri? Url { get; private set; }

    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app != null) throw new InvalidOperationException("The server is already started.");
        // The writer lock is taken synchronously by queries running on pool threads; a larger floor keeps
        // a burst of concurrent writers from stalling while the pool grows.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 32) ThreadPool.SetMinThreads(32, io);

        Store = Options.DataDirectory == null ? Store.InMemory(Options.EventHistory) : Store.Open(Options.DataDirectory, Options.EventHistory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FaunaLocalServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (Options.Verbose) builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // enforced by the endpoint, which answers 413 in Fauna's format
            ConnectionDelegate? http2 = null;
            k.Listen(IPAddress.Loopback, 0, lo =>
            {
                lo.Protocols = HttpProtocols.Http2;
                lo.Use(next => http2 = next);
            });
            k.Listen(ParseHost(Options.Host), Options.Port, lo =>
            {
                lo.Protocols = HttpProtocols.Http1;
                lo.Use(Http2PrefaceRouter.Route(() => http2));
                _public = lo;
            });
        });

        var app = builder.Build();
        var limiter = new RateLimiter(Options.Limits, TimeProvider.System);
        var endpoint = new QueryEndpoint(Store, Options, limiter, Usage);
        Streams = new StreamEndpoint(Store, Options, limiter, Usage);
        var feeds = new FeedEndpoint(Store, Options, limiter, Usage);
        app.Use(async (ctx, next) =>
        {
            try { await next(ctx); }
            catch (Exception e) when (!ctx.Response.HasStarted && e is not OperationCanceledException)
            {
                app.Logger.LogError(e, "Query failed with an internal error");
                await QueryEndpoint.Protocol(ctx, 500, "internal_error", "Internal error: " + e.Message);
            }
        });
        app.MapGet(StorageEndpoint.Path, new StorageEndpoint(Store, Options).HandleAsync);
        app.MapGet(UsageEndpoint.Path, new UsageEndpoint(Store, Options, Usage).HandleAsync);
        app.MapPost("/query/1", endpoint.HandleAsync);
        app.MapPost("/stream/1", Streams.HandleAsync);
        app.MapPost("/feed/1", feeds.HandleAsync);
        app.MapMethods("/ping", ["GET", "HEAD"], async ctx =>
        {
            ctx.Response.ContentType = "text/plain";
            if (HttpMethods.IsGet(ctx.Request.Method)) await ctx.Response.WriteAsync("OK");
        });

        await app.StartAsync(cancellationToken);
        _app = app;
        var port = _public!.IPEndPoint!.Port;
        var host = Options.Host is "0.0.0.0" or "::" ? "127.0.0.1" : Options.Host;
        Url = new Uri($"http://{(host.Contains(':') ? $"[{host}]" : host)}:{port}");
        return Url;
    }

    private static IPAddress ParseHost(string host) =>
        host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(host);

    public async Task StopAsync()
    {
        if (_app == null) return;
        var app = _app;
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
        Store?.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    public void Dispose() => StopAsync().GetAwaiter().GetResult();
}
