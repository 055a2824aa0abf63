using Dashboard.Services.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Services;

/// <summary>The services pages inject, registered in one place for the host and for component tests.</summary>
public static class PageServices
{
    public static IServiceCollection AddPageServices(this IServiceCollection services)
    {
        services.AddScoped<TenantOverviewService>();
        services.AddScoped<ThemePreference>();
        services.AddScoped<SignInRedirect>();
        services.AddScoped<GuardedCalls>();
        services.AddScoped<TenantScopes>();
        services.AddScoped<TenantSwitchSearch>();
        services.AddScoped<ListingPagers>();
        services.TryAddSingleton<OpenAlerts>();
        services.TryAddSingleton<PrerenderedModels>();
        services.AddScoped<AlertsAdmin>();
        services.AddScoped<AlertRulesAdmin>();
        services.TryAddSingleton<Migrations.MigrationJobs>();
        services.AddScoped<Migrations.MigrationsConsole>();
        return services;
    }
}
