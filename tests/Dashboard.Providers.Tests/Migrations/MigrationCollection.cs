namespace Dashboard.Providers.Tests.Migrations;

/// <summary>The migration tests share one set of running backends (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class MigrationCollection : ICollectionFixture<AllBackendsFixture>
{
    public const string Name = "Migrations";
}
