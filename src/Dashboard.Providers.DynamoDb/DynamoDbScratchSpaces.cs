using Dashboard.Core.Compare;

namespace Dashboard.Providers.DynamoDb;

/// <summary>Scratch DynamoDB tenants: a table of their own on the basis tenant's endpoint and region.</summary>
public sealed class DynamoDbScratchSpaces : IScratchSpaces
{
    public string Kind => "DynamoDb";

    public Task<IReadOnlyDictionary<string, string?>> CreateAsync(TenantDescriptor basis, string name, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?>(basis.Settings, StringComparer.OrdinalIgnoreCase)
        {
            [DynamoDbSettings.TableNameKey] = name,
        };
        settings.Remove("SeedDemoData");
        return Task.FromResult<IReadOnlyDictionary<string, string?>>(settings);
    }

    public async Task DropAsync(TenantDescriptor basis, string name, CancellationToken ct)
    {
        using var clients = new DynamoClients(DynamoDbSettings.From(basis));
        try
        {
            await clients.Pages.DeleteTableAsync(new DeleteTableRequest { TableName = name }, ct);
        }
        catch (ResourceNotFoundException)
        {
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(TenantDescriptor basis, string prefix, CancellationToken ct)
    {
        using var clients = new DynamoClients(DynamoDbSettings.From(basis));
        var names = new List<string>();
        string? after = null;
        do
        {
            var page = await clients.Pages.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = after }, ct);
            names.AddRange((page.TableNames ?? []).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
            after = page.LastEvaluatedTableName;
        } while (after is not null);
        return names;
    }
}
