using System.Net;
using System.Text.Json;

namespace Dashboard.Providers.DynamoDb.Client;

/// <summary>
/// Sits under the SDK in its HTTP pipeline, so it sees every attempt, the SDK's retries included, which an
/// exception caught around the SDK call never shows. A throttling answer is a 400 whose JSON body's
/// <c>__type</c> ends in one of DynamoDB's throttling error codes; only small error bodies are read (buffered,
/// so the SDK still reads them).
/// </summary>
internal sealed class ThrottleCountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly string[] ThrottlingCodes =
        ["ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.ServiceUnavailable
            && response.Content.Headers.ContentLength is null or < 64 * 1024
            && await ThrottlingCodeAsync(response, cancellationToken) is { } code)
        {
            ThrottleAttempts.Current?.Add(code);
        }
        return response;
    }

    private static async Task<string?> ThrottlingCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var fromHeader = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        string? type = fromHeader;
        if (type is null)
        {
            await response.Content.LoadIntoBufferAsync(ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("__type", out var t))
                    type = t.GetString();
            }
            catch (JsonException)
            {
                return null;
            }
        }
        if (type is null) return null;
        // "com.amazonaws.dynamodb.v20120810#ThrottlingException" or "ThrottlingException:http://..."
        var name = type.Split('#').Last().Split(':')[0];
        return ThrottlingCodes.FirstOrDefault(c => c == name);
    }
}
