using System.Security.Cryptography;
using System.Text;

namespace DynamoDbThrottleProxy;

/// <summary>
/// DynamoDB's throttling answer, byte for byte as the service sends it over the JSON 1.0 protocol: HTTP 400,
/// <c>x-amzn-ErrorType</c>, <c>x-amzn-RequestId</c>, <c>x-amz-crc32</c> and a body whose <c>__type</c> names the
/// exception. The SDK reads the type from the header or the body and retries it as throttling.
/// </summary>
public static class ThrottleAnswer
{
    public const string ErrorType = "ProvisionedThroughputExceededException";
    public const string Message =
        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.";

    /// <summary>Only item and query calls are throttled; table management (CreateTable, DescribeTable) always passes.</summary>
    private static readonly HashSet<string> DataPlane = new(StringComparer.Ordinal)
    {
        "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
        "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems",
    };

    /// <summary>The operation of an <c>X-Amz-Target</c> header ("DynamoDB_20120810.Query" → "Query"), if a data-plane one.</summary>
    public static bool IsDataPlane(string? target) =>
        target is not null && target.LastIndexOf('.') is var dot and >= 0 && DataPlane.Contains(target[(dot + 1)..]);

    public static async Task WriteAsync(HttpResponse response)
    {
        var body = Encoding.UTF8.GetBytes(
            $"{{\"__type\":\"com.amazonaws.dynamodb.v20120810#{ErrorType}\",\"message\":\"{Message}\"}}");
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/x-amz-json-1.0";
        response.Headers["x-amzn-RequestId"] = RequestId();
        response.Headers["x-amzn-ErrorType"] = ErrorType;
        response.Headers["x-amz-crc32"] = Crc32(body).ToString();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    /// <summary>CRC-32 (IEEE, as zlib) of the body, which DynamoDB sends so clients can check the payload.</summary>
    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    /// <summary>52 upper-case letters and digits, the shape of DynamoDB's request ids.</summary>
    private static string RequestId() => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 52);
}
