namespace Dashboard.E2E.Flows;

/// <summary>Every tenant of appsettings.json: the flows run once per tenant, so once per provider that has landed.</summary>
public static class TenantCases
{
    public static TheoryData<string> All() => new(Infrastructure.AppSettingsTenants.Read().Keys.Order());
}
