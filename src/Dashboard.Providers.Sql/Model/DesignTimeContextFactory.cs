using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Providers.Sql.Model;

/// <summary>
/// For <c>dotnet ef migrations add</c>: the MySQL model (migrations are MySQL's; the SQLite sandbox uses
/// EnsureCreated). No server is contacted: the server version is given, not detected.
/// </summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<DashboardDbContext>();
        new MySqlDialect("Server=127.0.0.1;Database=design_time", MySqlDialect.DefaultServerVersion).Configure(options);
        return new DashboardDbContext(options.Options);
    }
}
