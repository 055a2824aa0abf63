using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Providers.DynamoDb;

public static class DynamoDbServiceCollectionExtensions
{
    /// <summary>Lets tenants live on DynamoDB (<c>Provider: "DynamoDb"</c>).</summary>
    public static IServiceCollection AddDynamoDbProvider(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDataStoreProvider, DynamoDbStoreProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Dashboard.Core.Compare.IScratchSpaces, DynamoDbScratchSpaces>());
        return services;
    }
}
