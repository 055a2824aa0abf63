namespace Dashboard.Operations.Metering.Rolling;

/// <summary>
/// One series' history in two rings: 3,600 one-second slots (the last hour) and 1,440 one-minute slots (the
/// last day). A slot is made the first time its second or minute sees a call and reused when the ring comes
/// round again, so memory never grows past 5,040 slots per series, and an idle series costs only its two
/// arrays of references (40 KB).
/// </summary>
internal sealed class SeriesRings(SeriesKey key)
{
    public const int SecondSlots = 3600;
    public const int MinuteSlots = 1440;

    private readonly Slot?[] _seconds = new Slot?[SecondSlots];
    private readonly Slot?[] _minutes = new Slot?[MinuteSlots];
    private readonly Lock _gate = new();

    public SeriesKey Key { get; } = key;

    public void Add(long second, in StoreCall call, int latencyBucket, in UnitAmounts units, int retried, int surfaced)
    {
        lock (_gate)
        {
            SlotFor(_seconds, second).Add(call, latencyBucket, units, retried, surfaced);
            SlotFor(_minutes, Math.DivRem(second, 60).Quotient).Add(call, latencyBucket, units, retried, surfaced);
        }
    }

    /// <summary>Calls <paramref name="visit"/> for each live slot whose epoch (second or minute) is in [from, to].</summary>
    public void Visit(bool minutes, long from, long to, Action<Slot> visit)
    {
        var ring = minutes ? _minutes : _seconds;
        lock (_gate)
        {
            foreach (var slot in ring)
                if (slot is not null && slot.Calls > 0 && slot.Epoch >= from && slot.Epoch <= to) visit(slot);
        }
    }

    public int AllocatedSlots
    {
        get
        {
            lock (_gate) return _seconds.Count(s => s is not null) + _minutes.Count(s => s is not null);
        }
    }

    private static Slot SlotFor(Slot?[] ring, long epoch)
    {
        var index = (int)(epoch % ring.Length);
        var slot = ring[index];
        if (slot is null) return ring[index] = new Slot { Epoch = epoch };
        if (slot.Epoch != epoch) slot.Reset(epoch);
        return slot;
    }
}
