namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// Sends the SDK's requests to a real DynamoDB Local, except one BatchWriteItem call (once <see cref="Arm"/>ed, the
/// next one) that gets no answer in time: every attempt the SDK makes of it (one invocation id) fails as an
/// HttpClient timeout does, a <see cref="TaskCanceledException"/> over a <see cref="TimeoutException"/>. What
/// DynamoDB does with the request is the <see cref="Landing"/>: it applied it before the answer was lost, or it
/// applies it only later (a server that was still working on it when the client gave up), when the test calls
/// <see cref="DeliverLateAsync"/>.
/// </summary>
public sealed class DynamoDbUnansweredBatchWrite(DynamoDbUnansweredBatchWrite.Landing landing) : DelegatingHandler(new SocketsHttpHandler())
{
    public enum Landing
    {
        /// <summary>DynamoDB applied each attempt; only its answer was lost.</summary>
        BeforeTheTimeout,
        /// <summary>DynamoDB applies the attempts only when <see cref="DeliverLateAsync"/> sends them.</summary>
        Late,
    }

    private const string InvocationHeader = "amz-sdk-invocation-id";
    private readonly Lock _lock = new();
    private readonly List<HttpRequestMessage> _held = [];
    private bool _armed;
    private string? _unanswered;
    private int _attempts;

    /// <summary>Attempts of the unanswered call that timed out (the SDK's own retries included).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Whether a call went unanswered yet.</summary>
    public bool Happened
    {
        get
        {
            lock (_lock) return _unanswered is not null;
        }
    }

    /// <summary>The next BatchWriteItem call gets no answer in time (all its attempts).</summary>
    public void Arm()
    {
        lock (_lock) _armed = true;
    }

    /// <summary>Sends the held attempts of a <see cref="Landing.Late"/> call to DynamoDB Local now, one after another.</summary>
    public async Task DeliverLateAsync(CancellationToken ct)
    {
        List<HttpRequestMessage> held;
        lock (_lock)
        {
            held = [.. _held];
            _held.Clear();
        }
        foreach (var request in held)
        {
            using var response = await base.SendAsync(request, ct);
            Assert.True(response.IsSuccessStatusCode, $"the late batch write was refused: {(int)response.StatusCode}");
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : "";
        var invocation = request.Headers.TryGetValues(InvocationHeader, out var ids) ? ids.Single() : null;
        bool unanswered;
        lock (_lock)
        {
            if (_armed && target.EndsWith(".BatchWriteItem", StringComparison.Ordinal) && invocation is not null)
            {
                _armed = false;
                _unanswered = invocation;
            }
            unanswered = invocation is not null && invocation == _unanswered;
        }
        if (!unanswered) return await base.SendAsync(request, ct);

        Interlocked.Increment(ref _attempts);
        if (landing == Landing.BeforeTheTimeout)
            (await base.SendAsync(request, ct)).Dispose();
        else
            await HoldAsync(request, ct);
        throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 30 seconds elapsing.",
            new TimeoutException("The operation was canceled."));
    }

    /// <summary>A copy of the signed request (headers and body), sent later as it was.</summary>
    private async Task HoldAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var (name, value) in request.Headers) copy.Headers.TryAddWithoutValidation(name, value);
        if (request.Content is { } content)
        {
            copy.Content = new ByteArrayContent(await content.ReadAsByteArrayAsync(ct));
            foreach (var (name, value) in content.Headers) copy.Content.Headers.TryAddWithoutValidation(name, value);
        }
        lock (_lock) _held.Add(copy);
    }
}
