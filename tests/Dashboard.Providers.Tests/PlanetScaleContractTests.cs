using Dashboard.Providers.Tests.Contract;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests;

[Trait("Backend", "PlanetScale")]
public sealed class PlanetScaleContractTests(MariaDbFixture fixture) : StoreContractTests<MariaDbFixture>(fixture);
