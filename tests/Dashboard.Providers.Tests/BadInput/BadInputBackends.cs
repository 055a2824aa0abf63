using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests.BadInput;

[Trait("Backend", "Sqlite")]
public sealed class SqliteBadInputTests(SqliteFixture fixture) : BadInputPropertyTests<SqliteFixture>(fixture);

[Trait("Backend", "PlanetScale")]
public sealed class PlanetScaleBadInputTests(MariaDbFixture fixture) : BadInputPropertyTests<MariaDbFixture>(fixture);

[Trait("Backend", "DynamoDb")]
public sealed class DynamoDbBadInputTests(DynamoDbFixture fixture) : BadInputPropertyTests<DynamoDbFixture>(fixture);

[Trait("Backend", "Fauna")]
public sealed class FaunaBadInputTests(FaunaFixture fixture) : BadInputPropertyTests<FaunaFixture>(fixture);
