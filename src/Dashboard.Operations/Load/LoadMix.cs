namespace Dashboard.Operations.Load;

/// <summary>One kind of call a load run makes through the service layer.</summary>
public enum LoadAction
{
    ListUsers,
    SearchUsers,
    GetUser,
    FindUserByEmail,
    ListOrders,
    GetOrder,
    ListTenantOrders,
    CountOrders,
    SaveProfile,
    CreateUser,
    CreateOrder,
    AdvanceOrder,
}

/// <summary>
/// What share of a load run each action gets. <see cref="Realistic"/> is a support agent's day (the load tool's
/// mix); the others are the comparison page's workloads. Weights need not add up to one.
/// </summary>
public sealed record LoadMix(string Name, IReadOnlyList<LoadMix.Share> Shares)
{
    public sealed record Share(LoadAction Action, double Weight);

    /// <summary>Mostly lists and lookups, some profile saves and a few new or changed orders.</summary>
    public static LoadMix Realistic { get; } = new("realistic", [
        new(LoadAction.ListUsers, 25), new(LoadAction.SearchUsers, 7), new(LoadAction.GetUser, 18), new(LoadAction.FindUserByEmail, 8),
        new(LoadAction.ListOrders, 20), new(LoadAction.GetOrder, 12), new(LoadAction.SaveProfile, 5), new(LoadAction.CreateOrder, 3),
        new(LoadAction.AdvanceOrder, 2),
    ]);

    /// <summary>95 % reads: lookups and lists, a trickle of saves.</summary>
    public static LoadMix ReadHeavy { get; } = new("read-heavy", [
        new(LoadAction.ListUsers, 20), new(LoadAction.GetUser, 30), new(LoadAction.FindUserByEmail, 10), new(LoadAction.ListOrders, 20),
        new(LoadAction.GetOrder, 15), new(LoadAction.SaveProfile, 3), new(LoadAction.CreateOrder, 2),
    ]);

    /// <summary>Half the calls write: new orders, status changes, profile saves and new users.</summary>
    public static LoadMix WriteHeavy { get; } = new("write-heavy", [
        new(LoadAction.GetUser, 20), new(LoadAction.ListOrders, 15), new(LoadAction.GetOrder, 15), new(LoadAction.CreateOrder, 20),
        new(LoadAction.AdvanceOrder, 15), new(LoadAction.SaveProfile, 10), new(LoadAction.CreateUser, 5),
    ]);

    /// <summary>A user's orders page: the list, an order opened, now and then one moved on or added.</summary>
    public static LoadMix UserOrders { get; } = new("user's orders", [
        new(LoadAction.ListOrders, 60), new(LoadAction.GetOrder, 30), new(LoadAction.AdvanceOrder, 5), new(LoadAction.CreateOrder, 5),
    ]);

    public double TotalWeight => Shares.Sum(s => s.Weight);

    /// <summary>The action for a uniform draw <paramref name="r"/> in [0, 1).</summary>
    public LoadAction Pick(double r)
    {
        var at = r * TotalWeight;
        foreach (var share in Shares)
        {
            if (at < share.Weight) return share.Action;
            at -= share.Weight;
        }
        return Shares[^1].Action;
    }

    /// <summary>What is wrong with the mix, for people; null when it can drive a run.</summary>
    public string? Problem() =>
        Shares.Count == 0 || TotalWeight <= 0 ? $"the {Name} mix has no calls to make"
        : Shares.Any(s => s.Weight < 0 || double.IsNaN(s.Weight)) ? $"the {Name} mix has a negative weight"
        : null;
}
