using Dashboard.Providers.Tests.Contract;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests;

[Trait("Backend", "DynamoDb")]
public sealed class DynamoDbContractTests(DynamoDbFixture fixture) : StoreContractTests<DynamoDbFixture>(fixture);
