using System.Net;
using System.Text;
using Dashboard.Testing;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// Sits in front of a real DynamoDB Local and answers chosen requests with the 400 throttling error DynamoDB sends
/// under load, which DynamoDB Local never does (it ignores capacity). Everything else is passed through unchanged.
/// </summary>
public sealed class DynamoDbThrottlingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly Task _loop;
    private int _toThrottle;

    public Uri Url { get; }

    /// <summary>Requests answered with a throttling error so far.</summary>
    public int Throttled => Volatile.Read(ref _throttled);
    private int _throttled;

    /// <summary>The DynamoDB operation to throttle (X-Amz-Target suffix, e.g. "GetItem") and how many times.</summary>
    public void Throttle(string operation, int times)
    {
        Operation = operation;
        Volatile.Write(ref _toThrottle, times);
    }

    public string Operation { get; private set; } = "";

    public DynamoDbThrottlingProxy(Uri target)
    {
        _target = target;
        var port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var target = context.Request.Headers["X-Amz-Target"] ?? "";
        if (target.EndsWith("." + Operation, StringComparison.Ordinal) && Interlocked.Decrement(ref _toThrottle) >= 0)
        {
            Interlocked.Increment(ref _throttled);
            await ReplyAsync(context, 400, "application/x-amz-json-1.0",
                """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}""");
            return;
        }
        var forward = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, context.Request.RawUrl))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var name in context.Request.Headers.AllKeys)
        {
            if (name is null || name is "Host" or "Content-Length" or "Connection" or "Expect") continue;
            var value = context.Request.Headers[name]!;
            if (!forward.Headers.TryAddWithoutValidation(name, value)) forward.Content.Headers.TryAddWithoutValidation(name, value);
        }
        using var answer = await _upstream.SendAsync(forward);
        await ReplyAsync(context, (int)answer.StatusCode, answer.Content.Headers.ContentType?.ToString() ?? "application/x-amz-json-1.0",
            await answer.Content.ReadAsStringAsync());
    }

    private static async Task ReplyAsync(HttpListenerContext context, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _upstream.Dispose();
    }
}
