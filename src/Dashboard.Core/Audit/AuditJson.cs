using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Audit;

/// <summary>How entities are written into audit entries: camelCase, enums by name, stable across providers.</summary>
public static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
