using Dashboard.Core.Files;
using Dashboard.Core.Tenants;
using Dashboard.Providers.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.StartupChecks;

/// <summary>
/// Where configured SQLite files land, the same for the sandbox tenant and the app store: a relative file under
/// the content root, whatever the working directory; an absolute one where it says; memory nowhere.
/// </summary>
public sealed class SqliteDataSourceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sqlite-data-source-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData(".data/sandbox.db", ".data/sandbox.db")]
    [InlineData("sandbox.db", "sandbox.db")]
    public void A_relative_file_is_under_the_content_root(string configured, string underRoot) =>
        Assert.Equal(Path.Combine(_root, underRoot), SqliteDataSource.Resolve(configured, _root));

    [Theory]
    [InlineData(":memory:")]
    [InlineData("")]
    public void Memory_is_no_file(string configured)
    {
        Assert.True(SqliteDataSource.IsInMemory(configured));
        Assert.Equal(configured, SqliteDataSource.Resolve(configured, _root));
        SqliteDataSource.EnsureFolder(configured);
        Assert.False(Directory.Exists(_root));
    }

    [Fact]
    public void An_absolute_file_or_no_content_root_leaves_the_path_as_configured()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "x.db");
        Assert.Equal(absolute, SqliteDataSource.Resolve(absolute, _root));
        Assert.Equal(".data/x.db", SqliteDataSource.Resolve(".data/x.db", contentRoot: null));
    }

    [Fact]
    public void The_folder_of_the_file_is_made_when_missing()
    {
        var file = SqliteDataSource.Resolve("nested/deeper/x.db", _root);
        SqliteDataSource.EnsureFolder(file);
        Assert.True(Directory.Exists(Path.Combine(_root, "nested", "deeper")));
    }

    [Fact]
    public async Task The_sandbox_tenant_creates_its_file_under_the_content_root()
    {
        var provider = new SqliteStoreProvider(new Environment(_root));
        var tenant = new TenantDescriptor("box", "Box", provider.Kind, new Dictionary<string, string?>
        {
            [SqliteStoreProvider.ConnectionStringKey] = "Data Source=.data/box.db",
        });
        Assert.Empty(provider.Validate(tenant));

        await provider.Create(tenant).EnsureSchemaAsync(TestContext.Current.CancellationToken);
        SqliteConnection.ClearAllPools();

        Assert.True(File.Exists(Path.Combine(_root, ".data", "box.db")));
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Dashboard.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
