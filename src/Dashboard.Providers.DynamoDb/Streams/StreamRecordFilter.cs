using System.Text.Json.Nodes;

namespace Dashboard.Providers.DynamoDb.Streams;

/// <summary>
/// Which stream records are changes of a watch target, by the item's keys (<see cref="TableLayout"/>): an order is
/// <c>USER#uid / ORDER#id</c>, a profile <c>USER#id / PROFILE</c>. Entities report inserts and updates; listings
/// report inserts only; the tenant-wide write targets report both, for every order or profile. Other items (email markers, counters) are never changes of a target.
/// </summary>
internal static class StreamRecordFilter
{
    private const string UserPrefix = "USER#";

    public static (string Id, long Version)? Match(WatchTarget target, JsonNode record)
    {
        var eventName = record["eventName"]?.GetValue<string>();
        if (eventName is not ("INSERT" or "MODIFY")) return null;
        if (target.IsListing && eventName != "INSERT") return null;
        var data = record["dynamodb"];
        var pk = data?["Keys"]?[TableLayout.PK]?["S"]?.GetValue<string>();
        var sk = data?["Keys"]?[TableLayout.SK]?["S"]?.GetValue<string>();
        if (pk is null || sk is null || !pk.StartsWith(UserPrefix, StringComparison.Ordinal)) return null;
        var userId = pk[UserPrefix.Length..];
        var orderId = sk.StartsWith(TableLayout.OrderSkPrefix, StringComparison.Ordinal) ? sk[TableLayout.OrderSkPrefix.Length..] : null;
        var isProfile = sk == TableLayout.ProfileSk;
        string? id = target.Kind switch
        {
            WatchKind.Order when orderId == target.Id => orderId,
            WatchKind.User when isProfile && userId == target.Id => userId,
            WatchKind.UserOrders when orderId is not null && userId == target.Id => orderId,
            WatchKind.TenantOrders when orderId is not null => orderId,
            WatchKind.TenantUsers when isProfile => userId,
            WatchKind.OrderWrites when orderId is not null => orderId,
            WatchKind.UserWrites when isProfile => userId,
            _ => null,
        };
        if (id is null) return null;
        var versionText = data?["NewImage"]?[ItemNames.Version]?["N"]?.GetValue<string>();
        return (id, long.TryParse(versionText, CultureInfo.InvariantCulture, out var v) ? v : 0);
    }
}
