using DynamoDbThrottleProxy;

// A reverse proxy in front of DynamoDB Local that answers a share of item and query calls with
// ProvisionedThroughputExceededException, exactly as DynamoDB does, so the SDK's retries and the dashboard's
// throttle counters run for real. Everything else is passed through untouched.
//
//   dotnet run --project src/DynamoDbThrottleProxy -- --port 8001 --upstream http://127.0.0.1:8000 --share 0.2
//   curl -X POST 'http://127.0.0.1:8001/__throttle?share=0.5'    # change the share while running
//   curl http://127.0.0.1:8001/__throttle                         # share and counts
//   curl http://127.0.0.1:8001/__capacity                         # capacity DynamoDB reported, per table
var builder = WebApplication.CreateSlimBuilder(args);
var port = builder.Configuration.GetValue("port", 8001);
var upstream = new Uri(builder.Configuration["upstream"] ?? "http://127.0.0.1:8000");
var throttle = new ThrottleSwitch(builder.Configuration.GetValue("share", 0.0));
var capacity = new CapacityLedger();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddHttpClient("upstream", c => c.BaseAddress = upstream)
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None, UseCookies = false });

var app = builder.Build();

app.MapGet("/__throttle", () => Results.Json(new { share = throttle.Share, passed = throttle.Passed, throttled = throttle.Throttled }));
app.MapPost("/__throttle", (double share) =>
{
    throttle.Share = share;
    return Results.Json(new { share = throttle.Share });
});

// What DynamoDB itself reported consuming, per table, over every answer passed through since the proxy started;
// "undelivered" is what it reported on answers the client had stopped waiting for.
app.MapGet("/__capacity", () => Results.Json(new
{
    tables = capacity.Tables.ToDictionary(t => t.Key, t => new
    {
        read = t.Value.Read, write = t.Value.Write, answers = t.Value.Answers,
        undelivered = new { read = t.Value.UndeliveredRead, write = t.Value.UndeliveredWrite, answers = t.Value.UndeliveredAnswers },
    }),
}));

app.MapFallback(async context =>
{
    if (ThrottleAnswer.IsDataPlane(context.Request.Headers["X-Amz-Target"]) && throttle.ShouldThrottle())
    {
        await ThrottleAnswer.WriteAsync(context.Response);
        return;
    }
    var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");
    try
    {
        await Forwarder.ForwardAsync(context, client, capacity);
    }
    catch (HttpRequestException e) when (!context.Response.HasStarted)
    {
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
        await context.Response.WriteAsync($"upstream {upstream} did not answer: {e.Message}");
    }
});

Console.WriteLine($"DynamoDB throttle proxy on http://127.0.0.1:{port} → {upstream} (share {throttle.Share:0.##})");
app.Run();
