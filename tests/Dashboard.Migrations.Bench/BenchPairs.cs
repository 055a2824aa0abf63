namespace Dashboard.Migrations.Bench;

/// <summary>
/// Which ordered pairs of backends to measure, in the order given: <c>--pairs mariadb:dynamodb,fauna:sqlite</c>, or
/// every ordered pair of <c>--backends</c> (all four by default), grouped by source.
/// </summary>
public static class BenchPairs
{
    public static readonly string[] Names = ["sqlite", "mariadb", "dynamodb", "fauna"];

    /// <exception cref="ArgumentException">A pair that is not from:to of two different known backends.</exception>
    public static List<(string From, string To)> Parse(string? pairs, string backends)
    {
        if (pairs is null)
        {
            var only = backends.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var name in only) Known(name);
            return [.. (from f in only from t in only where f != t select (f, t))];
        }
        var parsed = new List<(string, string)>();
        foreach (var pair in pairs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = pair.Split(':');
            if (ends.Length != 2 || Known(ends[0]) == Known(ends[1]))
                throw new ArgumentException($"'{pair}' is not from:to of two different backends ({string.Join(", ", Names)})");
            parsed.Add((ends[0], ends[1]));
        }
        return parsed.Count > 0 ? parsed : throw new ArgumentException("--pairs names no pair");
    }

    private static string Known(string name) =>
        Names.Contains(name) ? name : throw new ArgumentException($"unknown backend '{name}' ({string.Join(", ", Names)})");
}
