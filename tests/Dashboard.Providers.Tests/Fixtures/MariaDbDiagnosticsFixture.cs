using Dashboard.Testing;

namespace Dashboard.Providers.Tests.Fixtures;

/// <summary>
/// A MariaDB server for provider-specific checks: lax SQL mode (to prove the provider turns strict mode on
/// itself) and the general query log in a table (to read back exactly what the provider sent).
/// </summary>
public sealed class MariaDbDiagnosticsFixture : MariaDbFixture
{
    protected override async Task<(MariaDbServer Server, bool Owned)> StartServerAsync() =>
        (await MariaDbServer.StartAsync(["--sql-mode=", "--general-log=1", "--log-output=TABLE"], CancellationToken.None), true);
}
