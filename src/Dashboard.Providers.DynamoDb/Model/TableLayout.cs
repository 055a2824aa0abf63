namespace Dashboard.Providers.DynamoDb.Model;

/// <summary>
/// The single-table design of one tenant (README, "Providers"):
/// <list type="bullet">
/// <item><c>USER#id / PROFILE</c>: a user; carries <c>UserList</c>, so it alone appears in the two user indexes.</item>
/// <item><c>USER#id / ORDER#orderId</c>: an order, under its user; ULID ids make SK order = creation order.</item>
/// <item><c>EMAIL#email / EMAIL</c>: the uniqueness marker of an email, written in the same transaction as the user.</item>
/// </list>
/// Indexes: <c>UsersByEmail</c> and <c>UsersByName</c> (sparse, projection ALL: a users page is one Query) and
/// <c>OrdersById</c> (KEYS_ONLY: finds an order's user, then a strongly consistent GetItem reads it).
/// </summary>
internal static class TableLayout
{
    public const string PK = "PK";
    public const string SK = "SK";

    public const string UsersByEmail = "UsersByEmail";
    public const string UsersByName = "UsersByName";
    public const string OrdersById = "OrdersById";
    /// <summary>Orders of one status, newest first: hash <see cref="StatusShard"/>, range <c>OrderId</c> (sparse: orders only).</summary>
    public const string OrdersByStatus = "OrdersByStatus";
    /// <summary>All orders, newest first: hash <see cref="OrderShard"/>, range <c>OrderId</c> (sparse: orders only).</summary>
    public const string OrdersByTime = "OrdersByTime";

    /// <summary>An order's status partition in <see cref="OrdersByStatus"/>, e.g. <c>STATUS#Pending#2</c> (<see cref="OrderShards"/>).</summary>
    public const string StatusShard = "StatusShard";
    /// <summary>An order's partition in <see cref="OrdersByTime"/>, e.g. <c>ORDERS#2</c>.</summary>
    public const string OrderShard = "OrderShard";

    /// <summary>The partition key of both user indexes; only profile items have it (the indexes are sparse).</summary>
    public const string UserList = "UserList";
    public const string UserListValue = "USERS";
    /// <summary>Sort key of <see cref="UsersByName"/>: lower-case name, a separator below any allowed character, id.</summary>
    public const string NameOrder = "NameOrder";
    public const char NameOrderSeparator = '\u0001';

    public const string ProfileSk = "PROFILE";
    public const string EmailMarkerSk = "EMAIL";
    public const string OrderSkPrefix = "ORDER#";

    public static string UserPk(string userId) => "USER#" + userId;
    public static string OrderSk(string orderId) => OrderSkPrefix + orderId;
    public static string EmailMarkerPk(string email) => "EMAIL#" + email;

    public static Dictionary<string, AttributeValue> Key(string pk, string sk) =>
        new() { [PK] = new AttributeValue(pk), [SK] = new AttributeValue(sk) };

    public static Dictionary<string, AttributeValue> ProfileKey(string userId) => Key(UserPk(userId), ProfileSk);
    public static Dictionary<string, AttributeValue> OrderKey(string userId, string orderId) => Key(UserPk(userId), OrderSk(orderId));
    public static Dictionary<string, AttributeValue> EmailMarkerKey(string email) => Key(EmailMarkerPk(email), EmailMarkerSk);

    /// <summary>The order counters of one shard: an item whose attributes are the statuses, each a count.</summary>
    public static Dictionary<string, AttributeValue> OrderCountersKey(int shard) => Key($"ORDERCOUNTS#{shard}", "COUNTS");

    /// <summary>Marks that every order item carries the listing keys (written once the backfill is done).</summary>
    public static Dictionary<string, AttributeValue> ListingsReadyKey() => Key("META", "ORDER_LISTINGS_V1");

    /// <summary>
    /// On-demand capacity: tenants pay per request, and DynamoDB Local ignores provisioned figures anyway.
    /// </summary>
    public static CreateTableRequest CreateTable(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new(PK, ScalarAttributeType.S), new(SK, ScalarAttributeType.S),
            new(UserList, ScalarAttributeType.S), new(ItemNames.Email, ScalarAttributeType.S),
            new(NameOrder, ScalarAttributeType.S), new(ItemNames.OrderId, ScalarAttributeType.S),
            new(StatusShard, ScalarAttributeType.S), new(OrderShard, ScalarAttributeType.S),
        ],
        KeySchema = [new(PK, KeyType.HASH), new(SK, KeyType.RANGE)],
        GlobalSecondaryIndexes = [.. Indexes()],
        StreamSpecification = Stream,
    };

    /// <summary>The table's stream, read by the change feed: both images, so a record carries the new version.</summary>
    public static StreamSpecification Stream => new() { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES };

    public static IEnumerable<GlobalSecondaryIndex> Indexes()
    {
        yield return Index(UsersByEmail, UserList, ItemNames.Email, ProjectionType.ALL);
        yield return Index(UsersByName, UserList, NameOrder, ProjectionType.ALL);
        yield return Index(OrdersById, ItemNames.OrderId, null, ProjectionType.KEYS_ONLY);
        // ALL: a listing page is one Query per shard, no GetItem per order.
        yield return Index(OrdersByStatus, StatusShard, ItemNames.OrderId, ProjectionType.ALL);
        yield return Index(OrdersByTime, OrderShard, ItemNames.OrderId, ProjectionType.ALL);
    }

    private static GlobalSecondaryIndex Index(string name, string hash, string? range, ProjectionType projection) => new()
    {
        IndexName = name,
        KeySchema = range is null ? [new(hash, KeyType.HASH)] : [new(hash, KeyType.HASH), new(range, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = projection },
    };
}
