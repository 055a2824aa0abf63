namespace Dashboard.Operations.Migrations;

/// <summary>A migration could not start or go on, for the reason its message states in one line.</summary>
public class MigrationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Another run holds the tenant's migration lease: two runs never migrate one tenant at once.</summary>
public sealed class MigrationRefusedException(string message) : MigrationException(message);
