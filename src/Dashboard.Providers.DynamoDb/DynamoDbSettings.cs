using System.Text.RegularExpressions;

namespace Dashboard.Providers.DynamoDb;

/// <summary>A DynamoDB tenant's settings: <c>ServiceUrl</c>, <c>TableName</c>, optional <c>Region</c> (us-east-1).</summary>
public sealed partial record DynamoDbSettings(Uri ServiceUrl, string TableName, string Region)
{
    public const string ServiceUrlKey = "ServiceUrl";
    public const string TableNameKey = "TableName";
    public const string RegionKey = "Region";
    public const string DefaultRegion = "us-east-1";

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableNameShape();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionShape();

    public static IEnumerable<string> Problems(TenantDescriptor tenant)
    {
        if (SettingChecks.HttpUrl(tenant, ServiceUrlKey, "\"http://127.0.0.1:8000\" for DynamoDB Local") is { } url)
            yield return url;
        if (SettingChecks.Required(tenant, TableNameKey, $"\"dashboard-{tenant.Id}\"") is { } missing)
            yield return missing;
        else if (tenant.Setting(TableNameKey) is { } table && !TableNameShape().IsMatch(table))
            yield return $"Settings:{TableNameKey} must be 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (got \"{table}\").";
        if (tenant.Setting(RegionKey) is { } region && !RegionShape().IsMatch(region))
            yield return $"Settings:{RegionKey} must look like an AWS region such as us-east-1 (got \"{region}\").";
    }

    public static DynamoDbSettings From(TenantDescriptor tenant) => new(
        new Uri(tenant.RequiredSetting(ServiceUrlKey)),
        tenant.RequiredSetting(TableNameKey),
        tenant.Setting(RegionKey) ?? DefaultRegion);
}
