using Dashboard.Providers.Tests.Contract;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests;

[Trait("Backend", "Sqlite")]
public sealed class SqliteContractTests(SqliteFixture fixture) : StoreContractTests<SqliteFixture>(fixture);
