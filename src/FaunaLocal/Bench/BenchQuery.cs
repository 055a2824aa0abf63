using System.Text.Json.Serialization;

namespace FaunaLocal.Bench;

/// <summary>How the benchmarks run FQL on the server they measure: the wire protocol's POST, failing loudly.</summary>
internal static class BenchQuery
{
    public static async Task<JsonDocument> RunAsync(HttpClient http, string fql)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = fql }, BenchJson.Default.DictionaryStringString);
        using var response = await http.PostAsync("/query/1", new StringContent(body, Encoding.UTF8));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Query failed ({(int)response.StatusCode}): {text}");
        return JsonDocument.Parse(text);
    }
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class BenchJson : JsonSerializerContext;
