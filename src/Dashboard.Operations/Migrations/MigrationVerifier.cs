using Dashboard.Core.Domain;

namespace Dashboard.Operations.Migrations;

/// <summary>
/// Compares source and target entity by entity: a checksum of every field of every user and order, and for
/// each mismatch the exact fields that differ, so the report lists what to look at rather than a count.
/// </summary>
internal static class MigrationVerifier
{
    public static VerificationReport Compare(TenantSnapshot source, TenantSnapshot target)
    {
        var differences = new List<MigrationDifference>();
        differences.AddRange(Compare("User", source.Users, target.Users, EntityChecksum.Of, EntityFields.Of));
        differences.AddRange(Compare("Order", source.Orders, target.Orders, EntityChecksum.Of, EntityFields.Of));
        return new VerificationReport(source.Users.Count, source.Orders.Count, target.Users.Count, target.Orders.Count, differences);
    }

    private static IEnumerable<MigrationDifference> Compare<T>(string entity, IReadOnlyDictionary<string, T> source, IReadOnlyDictionary<string, T> target,
        Func<T, string> checksum, Func<T, IReadOnlyList<KeyValuePair<string, string>>> fields)
    {
        foreach (var (id, item) in source.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!target.TryGetValue(id, out var copy))
                yield return new MigrationDifference(entity, id, DifferenceKind.MissingOnTarget, []);
            else if (checksum(item) != checksum(copy))
                yield return new MigrationDifference(entity, id, DifferenceKind.FieldsDiffer, FieldsThatDiffer(fields(item), fields(copy)));
        }
        foreach (var id in target.Keys.Where(id => !source.ContainsKey(id)).Order(StringComparer.Ordinal))
            yield return new MigrationDifference(entity, id, DifferenceKind.OnlyOnTarget, []);
    }

    private static List<FieldDifference> FieldsThatDiffer(IReadOnlyList<KeyValuePair<string, string>> source, IReadOnlyList<KeyValuePair<string, string>> target)
    {
        var theirs = target.ToDictionary(f => f.Key, f => f.Value);
        var ours = source.ToDictionary(f => f.Key, f => f.Value);
        return ours.Keys.Union(theirs.Keys)
            .Where(k => ours.GetValueOrDefault(k) != theirs.GetValueOrDefault(k))
            .Select(k => new FieldDifference(k, ours.GetValueOrDefault(k) ?? "(none)", theirs.GetValueOrDefault(k) ?? "(none)"))
            .ToList();
    }
}
