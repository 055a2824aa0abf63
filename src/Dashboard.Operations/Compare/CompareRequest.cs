namespace Dashboard.Operations.Compare;

/// <summary>Which calls a comparison makes: a built-in mix, or the one a tenant's calls recorded.</summary>
public enum CompareWorkload
{
    Realistic,
    ReadHeavy,
    WriteHeavy,
    UserOrders,
    TenantMix,
}

/// <summary>What Ops asked for: the workload, how many users to seed (orders follow, about four each), the rate and how long.</summary>
public sealed record CompareRequest(CompareWorkload Workload, int Users, int RatePerSecond, TimeSpan Duration, string? MixTenant = null)
{
    public const int MinUsers = 10;
    public const int MaxUsers = 20_000;
    public const int MaxRate = 1000;
    public const int MaxSeconds = 600;

    /// <summary>Sizes offered on the page: small ones for a quick look, the 10k users for a real one.</summary>
    public static IReadOnlyList<int> UserPresets { get; } = [100, 1_000, 10_000];

    /// <summary>The demo generator gives each user 1 to 7 orders: about four on average.</summary>
    public int ApproximateOrders => Users * 4;

    /// <summary>What is wrong with the request, for people; null when it is fine.</summary>
    public string? Problem() =>
        Users is < MinUsers or > MaxUsers ? $"the size must be {MinUsers:N0} to {MaxUsers:N0} users"
        : RatePerSecond is < 1 or > MaxRate ? $"the rate must be 1 to {MaxRate:N0} calls per second"
        : Duration.TotalSeconds is < 1 or > MaxSeconds ? $"the duration must be 1 to {MaxSeconds} seconds"
        : Workload == CompareWorkload.TenantMix && string.IsNullOrWhiteSpace(MixTenant) ? "choose the tenant whose recorded mix to replay"
        : null;

    public static string Label(CompareWorkload workload) => workload switch
    {
        CompareWorkload.Realistic => "Realistic mix (the load tool's)",
        CompareWorkload.ReadHeavy => "Read-heavy",
        CompareWorkload.WriteHeavy => "Write-heavy",
        CompareWorkload.UserOrders => "A user's orders",
        _ => "A tenant's recorded mix",
    };
}
