using Dashboard.Core;
using Dashboard.Operations.Queries;

namespace Dashboard.Cluster;

/// <summary>Running as one of several instances: the instance's name, who prepares tenants, the affinity cookie.</summary>
public static class ClusterHostExtensions
{
    public static WebApplicationBuilder AddDashboardCluster(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ClusterOptions.Section);
        builder.Services.AddValidatedOptions<ClusterOptions, ClusterOptionsValidator>(section);
        var options = section.Get<ClusterOptions>() ?? new ClusterOptions();
        builder.Services.Replace(ServiceDescriptor.Singleton(string.IsNullOrWhiteSpace(options.InstanceName)
            ? InstanceName.FromProcess()
            : new InstanceName(options.InstanceName.Trim())));
        if (!options.PreparesTenants)
            foreach (var preparer in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TenantStartupService)).ToList())
                builder.Services.Remove(preparer);
        return builder;
    }

    /// <summary>After the forwarded headers are applied, so the cookie is Secure whenever the browser used https.</summary>
    public static WebApplication UseAffinityCookie(this WebApplication app)
    {
        app.UseMiddleware<AffinityCookie>();
        return app;
    }
}
