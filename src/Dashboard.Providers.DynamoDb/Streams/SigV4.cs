using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Providers.DynamoDb.Streams;

/// <summary>AWS Signature Version 4 for a JSON POST to the root path (all the Streams API needs).</summary>
internal static class SigV4
{
    public static void Sign(HttpRequestMessage request, byte[] body, string region, string service, string accessKey, string secretKey, DateTime utcNow)
    {
        var amzDate = utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var host = request.RequestUri!.IsDefaultPort ? request.RequestUri.Host : $"{request.RequestUri.Host}:{request.RequestUri.Port}";
        var target = request.Headers.GetValues("X-Amz-Target").Single();
        var payloadHash = Hex(SHA256.HashData(body));
        request.Headers.Add("X-Amz-Date", amzDate);

        const string signedHeaders = "content-type;host;x-amz-date;x-amz-target";
        var canonical = string.Join('\n',
            "POST", "/", "",
            "content-type:application/x-amz-json-1.0", $"host:{host}", $"x-amz-date:{amzDate}", $"x-amz-target:{target}", "",
            signedHeaders, payloadHash);
        var scope = $"{day}/{region}/{service}/aws4_request";
        var toSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day), region), service), "aws4_request");
        var signature = Hex(Hmac(key, toSign));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
