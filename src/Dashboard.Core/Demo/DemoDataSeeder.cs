namespace Dashboard.Core.Demo;

/// <summary>Loads the demo data into a tenant's backend unless it is already there. Safe to run again.</summary>
public static class DemoDataSeeder
{
    /// <returns>True when data was loaded, false when the tenant already had it.</returns>
    public static async Task<bool> SeedAsync(IDataStore store, CancellationToken ct, int userCount = DemoDataGenerator.DefaultUserCount)
    {
        // Ada and her orders are loaded last: finding them means an earlier load completed.
        var ada = await store.FindUserByEmailAsync(DemoDataGenerator.AdaEmail, ct);
        if (ada is not null && (await store.ListOrdersAsync(ada.Id, new(3), ct)).Items.Count >= 3) return false;
        var data = DemoDataGenerator.Generate(userCount);
        await store.BulkLoadAsync(data.Users, data.Orders, ct);
        return true;
    }
}
