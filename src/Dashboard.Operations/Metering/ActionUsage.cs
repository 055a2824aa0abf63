namespace Dashboard.Operations.Metering;

/// <summary>
/// What the last action of one person's page cost (NoSQL Workbench style: "this page: 0.5 RCU"). One per
/// circuit (scoped). The host marks the start of each inbound activity (a click, a navigation) and makes this
/// instance <see cref="Current"/> for it; store calls made by that activity add up here. An activity that
/// makes no store call leaves the last figures in place.
/// </summary>
public sealed class ActionUsage
{
    private static readonly AsyncLocal<ActionUsage?> Ambient = new();

    private readonly Lock _gate = new();
    private long _activity;
    private long _shownActivity = -1;
    private UnitAmounts _units;
    private int _calls;
    private string? _provider;

    /// <summary>The tracker of the activity in progress, or null outside one (background work, other tools).</summary>
    public static ActionUsage? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>Raised after a store call added to the figures (from whatever thread ran the call).</summary>
    public event Action? Changed;

    /// <summary>A new inbound activity starts: the next store call starts a new action.</summary>
    public void BeginActivity() => Interlocked.Increment(ref _activity);

    public void Add(in StoreCall call)
    {
        lock (_gate)
        {
            var activity = Interlocked.Read(ref _activity);
            if (activity != _shownActivity)
            {
                _shownActivity = activity;
                _units = default;
                _calls = 0;
            }
            _calls++;
            _provider = call.Series.Provider;
            var units = call.Usage.UnitAmounts;
            for (var i = 0; i < UsageUnits.Count; i++) _units[i] += units[i];
        }
        Changed?.Invoke();
    }

    public ActionUsageSnapshot Snapshot()
    {
        lock (_gate)
        {
            var units = new List<(UsageUnit, double)>();
            for (var i = 0; i < UsageUnits.Count; i++)
                if (_units[i] != 0) units.Add(((UsageUnit)i, _units[i]));
            return new ActionUsageSnapshot(_calls, _provider, units);
        }
    }
}

/// <summary>The last action's figures: store calls, the provider they went to, and the non-zero units.</summary>
public sealed record ActionUsageSnapshot(int Calls, string? Provider, IReadOnlyList<(UsageUnit Unit, double Amount)> Units)
{
    /// <summary>"0.5 RCU", "3 rows read · 1 row written", "2 read ops"; "no billed units" when the calls reported none.</summary>
    public string Describe()
    {
        if (Calls == 0) return "no store calls yet";
        if (Units.Count == 0) return "no billed units";
        return string.Join(" · ", Units.Select(u => $"{u.Amount:0.###} {Singular(u.Unit, u.Amount)}"));
    }

    private static string Singular(UsageUnit unit, double amount)
    {
        var label = UsageUnits.Label(unit);
        return amount == 1 && label.StartsWith("rows ", StringComparison.Ordinal) ? "row " + label[5..]
            : amount == 1 && label.EndsWith(" ops", StringComparison.Ordinal) ? label[..^1]
            : label;
    }
}

/// <summary>Adds each store call to the current activity's <see cref="ActionUsage"/>, if there is one.</summary>
public sealed class ActionUsageSink : IStoreCallSink
{
    public void Record(in StoreCall call) => ActionUsage.Current?.Add(call);
}
