namespace DynamoDbThrottleProxy;

/// <summary>Passes one request to the upstream and its answer back, headers and body as they are.</summary>
public static class Forwarder
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    /// <param name="ledger">
    /// Given the answer's body (read whole: DynamoDB answers are at most a few MB) to count its capacity, and whether it
    /// reached the client.
    /// </param>
    public static async Task ForwardAsync(HttpContext context, HttpClient client, CapacityLedger? ledger = null)
    {
        var request = context.Request;
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        outgoing.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name)) continue;
            if (!outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                outgoing.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        using var answer = await client.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            if (!HopByHop.Contains(name)) context.Response.Headers[name] = values.ToArray();
        if (ledger is null || answer.Content.Headers.ContentEncoding.Count > 0)
        {
            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            return;
        }
        var bytes = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var delivered = false;
        try
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            delivered = true;
        }
        finally
        {
            // DynamoDB consumed the units either way; a client that had given up (an attempt's timeout) never saw them.
            if (answer.IsSuccessStatusCode) ledger.Record(request.Headers["X-Amz-Target"], bytes, delivered);
        }
    }
}
