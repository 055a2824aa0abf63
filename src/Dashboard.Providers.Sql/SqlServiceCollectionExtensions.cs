using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Providers.Sql;

public static class SqlServiceCollectionExtensions
{
    /// <summary>The SQL-backed tenant kinds: the embedded SQLite sandbox and PlanetScale (MySQL).</summary>
    public static IServiceCollection AddSqlProviders(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDataStoreProvider, SqliteStoreProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDataStoreProvider, PlanetScaleStoreProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Dashboard.Core.Compare.IScratchSpaces, SqliteScratchSpaces>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Dashboard.Core.Compare.IScratchSpaces, MySqlScratchSpaces>());
        return services;
    }
}
