using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Providers.Fauna;

public static class FaunaServiceCollectionExtensions
{
    /// <summary>Lets tenants live on Fauna (<c>Provider: "Fauna"</c>).</summary>
    public static IServiceCollection AddFaunaProvider(this IServiceCollection services)
    {
        // Requests carry the secret in a header: keep the factory's request logging from ever printing headers.
        services.AddHttpClient(FaunaClient.HttpClientName).RedactLoggedHeaders(["Authorization"]);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDataStoreProvider, FaunaStoreProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Dashboard.Core.Compare.IScratchSpaces, FaunaScratchSpaces>());
        return services;
    }
}
