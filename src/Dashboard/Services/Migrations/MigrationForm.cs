using Dashboard.Operations.Migrations;

namespace Dashboard.Services.Migrations;

/// <summary>What Ops type to start a migration: the tenant, the target provider, and its settings one <c>key=value</c> a line.</summary>
public sealed class MigrationForm
{
    public string Tenant { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Settings { get; set; } = "";

    /// <exception cref="MigrationException">No tenant or provider chosen, or a line that is not key=value.</exception>
    public MigrationTarget Target()
    {
        if (string.IsNullOrWhiteSpace(Tenant)) throw new MigrationException("choose the tenant to migrate");
        if (string.IsNullOrWhiteSpace(Provider)) throw new MigrationException("choose the target's provider");
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var lines = Settings.Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0) continue;
            var equals = lines[i].IndexOf('=');
            if (equals <= 0) throw new MigrationException($"settings line {i + 1} is not key=value: '{lines[i]}'");
            settings[lines[i][..equals].Trim()] = lines[i][(equals + 1)..].Trim();
        }
        return new MigrationTarget(Provider.Trim(), settings);
    }
}
