using Dashboard.AppStore;

namespace Dashboard.Tests.StartupChecks;

public sealed class AppStoreOptionsValidatorTests
{
    private static readonly AppStoreOptionsValidator Validator = new();

    private static IEnumerable<string> Failures(AppStoreOptions options) =>
        Validator.Validate(null, options).Failures ?? [];

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Failures(new AppStoreOptions()));

    [Theory]
    [InlineData("Sqlite", "Data Source=:memory:", null)]
    [InlineData("sqlite", "Data Source=/var/lib/dashboard/dashboard.db", null)]
    [InlineData("MySql", "Server=db;Port=3306;Database=dashboard;User ID=dash;Password=p", null)]
    [InlineData("mysql", "Server=db;Database=dashboard;User ID=dash;Password=p", "8.0.36-mysql")]
    [InlineData("MySql", "Server=db;Database=dashboard;User ID=dash;Password=p", "10.11-mariadb")]
    public void Accepts(string provider, string connectionString, string? serverVersion) =>
        Assert.Empty(Failures(new AppStoreOptions { Provider = provider, ConnectionString = connectionString, ServerVersion = serverVersion }));

    public static TheoryData<string, AppStoreOptions, string> Wrong() => new()
    {
        { "an unknown provider", new() { Provider = "Postgres" }, "AppStore:Provider 'Postgres' is not known (Sqlite or MySql)." },
        { "no provider", new() { Provider = "" }, "AppStore:Provider '' is not known (Sqlite or MySql)." },
        { "MySql without a connection string", new() { Provider = "MySql", ConnectionString = " " }, "AppStore:ConnectionString is required for MySql" },
        { "Sqlite without a connection string", new() { ConnectionString = "" }, "AppStore:ConnectionString is required for Sqlite" },
        { "a Sqlite string with an unknown key", new() { ConnectionString = "Data Source=x.db;Flavour=mint" }, "AppStore:ConnectionString is not a valid Sqlite connection string" },
        { "a MySql string that is not key=value", new() { Provider = "MySql", ConnectionString = "mysql://db/dashboard" }, "AppStore:ConnectionString is not a valid MySql connection string" },
        { "a server version that is not one", new() { Provider = "MySql", ConnectionString = "Server=db;Database=d", ServerVersion = "latest" }, "AppStore:ServerVersion 'latest' is not a server version" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void Refuses(string what, AppStoreOptions options, string message)
    {
        var failure = Assert.Single(Failures(options));
        Assert.True(failure.StartsWith(message, StringComparison.Ordinal), $"{what}: {failure}");
    }
}
