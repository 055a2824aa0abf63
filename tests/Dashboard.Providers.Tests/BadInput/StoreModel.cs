using Dashboard.Core.Domain;

namespace Dashboard.Providers.Tests.BadInput;

/// <summary>What the tenant must hold: every user and order a step reported as stored, and nothing else.</summary>
public sealed class StoreModel
{
    public Dictionary<string, User> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Order> Orders { get; } = new(StringComparer.Ordinal);

    public User? OwnerOf(string? email) => email is null ? null : Users.Values.FirstOrDefault(u => u.Email == email);

    /// <summary>A user's orders newest first, as the store lists them.</summary>
    public List<Order> OrdersOf(string userId) =>
        Orders.Values.Where(o => o.UserId == userId).OrderByDescending(o => o.Id, StringComparer.Ordinal).ToList();
}

/// <summary>How each step ended and which kinds of odd values it met, to show the mix of a run and to make sure it exercised them.</summary>
public sealed class OutcomeCounts
{
    private readonly Dictionary<(string Step, string Outcome), int> _counts = [];
    private readonly SortedDictionary<string, int> _covered = new(StringComparer.Ordinal);

    public void Cover(IEnumerable<string> labels)
    {
        foreach (var label in labels) _covered[label] = _covered.GetValueOrDefault(label) + 1;
    }

    public int Covered(string label) => _covered.GetValueOrDefault(label);

    public void Add(string step, string outcome) =>
        _counts[(step, outcome)] = _counts.GetValueOrDefault((step, outcome)) + 1;

    public int Of(string step, string outcome) => _counts.GetValueOrDefault((step, outcome));

    public override string ToString() => string.Join("; ", _counts.GroupBy(c => c.Key.Step)
        .Select(g => $"{g.Key}: " + string.Join(", ", g.OrderBy(c => c.Key.Outcome).Select(c => $"{c.Key.Outcome} {c.Value}"))))
        + Environment.NewLine + "  covered: " + string.Join(", ", _covered.Select(c => $"{c.Key} {c.Value}"));
}

/// <summary>A broken promise of the property; the runner adds the case and its seed.</summary>
public sealed class PropertyViolation(string message) : Exception(message)
{
    public static void Require(bool condition, string message)
    {
        if (!condition) throw new PropertyViolation(message);
    }
}
