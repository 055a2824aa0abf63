using Dashboard.Providers.Tests.Contract;
using Dashboard.Providers.Tests.Fixtures;

namespace Dashboard.Providers.Tests;

[Trait("Backend", "Fauna")]
public sealed class FaunaContractTests(FaunaFixture fixture) : StoreContractTests<FaunaFixture>(fixture);
