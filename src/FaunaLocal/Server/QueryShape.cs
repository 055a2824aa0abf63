namespace FaunaLocal.Server;

/// <summary>
/// A query's shape: its FQL text without the values passed into it, so repeated queries (the same template
/// with different arguments) share one cost estimate in the rate limiter.
/// </summary>
public static class QueryShape
{
    public static int Of(JsonElement query)
    {
        var hash = new HashCode();
        Add(ref hash, query);
        return hash.ToHashCode();
    }

    private static void Add(ref HashCode hash, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                hash.Add(e.GetString(), StringComparer.Ordinal);
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) Add(ref hash, item);
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "value") continue; // a value fragment: data, not shape
                    hash.Add(p.Name, StringComparer.Ordinal);
                    Add(ref hash, p.Value);
                }
                break;
        }
    }
}
