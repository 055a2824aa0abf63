using Dashboard.Core.Compare;
using Dashboard.Providers.Fauna.Wire;

namespace Dashboard.Providers.Fauna;

/// <summary>
/// Scratch Fauna tenants: a child database of the basis tenant's database, reached with an admin key of its own
/// (made with the basis tenant's key, which must be an admin key). Deleting the child deletes its key and data.
/// </summary>
public sealed class FaunaScratchSpaces(IHttpClientFactory httpClients) : IScratchSpaces
{
    public string Kind => "Fauna";

    public async Task<IReadOnlyDictionary<string, string?>> CreateAsync(TenantDescriptor basis, string name, CancellationToken ct)
    {
        var created = await Client(basis).QueryAsync(Fql.Of($$"""
            Database.create({ name: {{name}} })
            Key.create({ role: "admin", database: {{name}} }).secret
            """), null, ct);
        var secret = created.Data as string ?? throw new InvalidOperationException("Key.create returned no secret.");
        var settings = new Dictionary<string, string?>(basis.Settings, StringComparer.OrdinalIgnoreCase)
        {
            [FaunaSettings.SecretKey] = secret,
        };
        settings.Remove("SeedDemoData");
        return settings;
    }

    public async Task DropAsync(TenantDescriptor basis, string name, CancellationToken ct) =>
        await Client(basis).QueryAsync(Fql.Of($$"""
            let db = Database.byName({{name}})
            if (db != null) { db!.delete() }
            null
            """), null, ct);

    public async Task<IReadOnlyList<string>> ListAsync(TenantDescriptor basis, string prefix, CancellationToken ct)
    {
        var listed = await Client(basis).QueryAsync(Fql.Of($$"""
            Database.all().where(.name.startsWith({{prefix}})).map(.name).toArray()
            """), null, ct);
        return listed.Data is IEnumerable<object?> names ? names.OfType<string>().ToList() : [];
    }

    private FaunaClient Client(TenantDescriptor basis) =>
        new(() => httpClients.CreateClient(FaunaClient.HttpClientName), FaunaSettings.From(basis));
}
