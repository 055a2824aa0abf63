using System.Text.RegularExpressions;
using Dashboard.Core.Tenants;

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
        var url = tenant.Setting(ServiceUrlKey);
        if (url is null)
            yield return $"Settings:{ServiceUrlKey} is required (e.g. \"http://127.0.0.1:8000\" for DynamoDB Local).";
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return $"Settings:{ServiceUrlKey} must be an absolute http or https URL (got \"{url}\").";
        var table = tenant.Setting(TableNameKey);
        if (table is null)
            yield return $"Settings:{TableNameKey} is required (e.g. \"dashboard-{tenant.Id}\").";
        else if (!TableNameShape().IsMatch(table))
            yield return $"Settings:{TableNameKey} must be 3-255 characters of a-z, A-Z, 0-9, '_', '-' and '.' (got \"{table}\").";
        if (tenant.Setting(RegionKey) is { } region && !RegionShape().IsMatch(region))
            yield return $"Settings:{RegionKey} must look like an AWS region such as us-east-1 (got \"{region}\").";
    }

    public static DynamoDbSettings From(TenantDescriptor tenant) => new(
        new Uri(tenant.RequiredSetting(ServiceUrlKey)),
        tenant.RequiredSetting(TableNameKey),
        tenant.Setting(RegionKey) ?? DefaultRegion);
}
