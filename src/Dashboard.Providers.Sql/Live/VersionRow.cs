namespace Dashboard.Providers.Sql.Live;

/// <summary>An entity's id and version: all a poll reads.</summary>
internal sealed record VersionRow(string Id, long Version);
