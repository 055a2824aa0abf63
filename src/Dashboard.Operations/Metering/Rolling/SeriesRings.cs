namespace Dashboard.Operations.Metering.Rolling;

/// <summary>
/// One series' history in two rings: 3,600 one-second slots (the last hour) and 1,440 one-minute slots (the
/// last day). A slot is made the first time its second or minute sees a call and reused when the ring comes
/// round again, so memory never grows past 5,040 slots per series. The rings are cut into chunks of 15 slots made on
/// first use, so a quiet series — most of them, with thousands of tenants — costs its two chunk tables (2.7 KB) and
/// the chunks it touched, not 40 KB of empty references.
/// </summary>
internal sealed class SeriesRings(SeriesKey key, long createdSecond)
{
    public const int SecondSlots = 3600;
    public const int MinuteSlots = 1440;
    private const int ChunkSlots = 15;

    private readonly Slot?[]?[] _seconds = new Slot?[]?[SecondSlots / ChunkSlots];
    private readonly Slot?[]?[] _minutes = new Slot?[]?[MinuteSlots / ChunkSlots];
    private readonly Lock _gate = new();
    private bool _retired;

    public SeriesKey Key { get; } = key;

    /// <summary>
    /// The last second a call was added (Unix seconds), or the second the series was made: series idle for a whole
    /// day are dropped, and one made a moment ago is not idle before its first call lands.
    /// </summary>
    public long LastSecond { get; private set; } = createdSecond;

    /// <summary>
    /// Adds the call to its second and its minute; returns how many slots that made (0 to 2), or -1 when the series
    /// was retired (taken out of the store) and the call must go to a new one instead of being lost with this one.
    /// </summary>
    public int Add(long second, in StoreCall call, int latencyBucket, in UnitAmounts units, int retried, int surfaced)
    {
        lock (_gate)
        {
            if (_retired) return -1;
            LastSecond = Math.Max(LastSecond, second);
            var made = 0;
            SlotFor(_seconds, SecondSlots, second, ref made).Add(call, latencyBucket, units, retried, surfaced);
            SlotFor(_minutes, MinuteSlots, Math.DivRem(second, 60).Quotient, ref made).Add(call, latencyBucket, units, retried, surfaced);
            return made;
        }
    }

    /// <summary>True once the series was taken out of the store: it takes no more calls.</summary>
    public bool IsRetired
    {
        get
        {
            lock (_gate) return _retired;
        }
    }

    /// <summary>Retires the series if it had no call since <paramref name="second"/>; true if it did retire.</summary>
    public bool RetireIfIdleBefore(long second)
    {
        lock (_gate) return _retired = _retired || LastSecond < second;
    }

    /// <summary>Retires the series if it holds no slot (its history all let go); true if it did retire.</summary>
    public bool RetireIfEmpty()
    {
        lock (_gate) return _retired = _retired || Count(_seconds) + Count(_minutes) == 0;
    }

    /// <summary>Retires the series whatever it holds; returns its slots, which leave the store with it.</summary>
    public int Retire()
    {
        lock (_gate)
        {
            _retired = true;
            return Count(_seconds) + Count(_minutes);
        }
    }

    /// <summary>Calls <paramref name="visit"/> for each live slot whose epoch (second or minute) is in [from, to].</summary>
    public void Visit(bool minutes, long from, long to, Action<Slot> visit)
    {
        var ring = minutes ? _minutes : _seconds;
        lock (_gate)
        {
            foreach (var chunk in ring)
            {
                if (chunk is null) continue;
                foreach (var slot in chunk)
                    if (slot is not null && slot.Calls > 0 && slot.Epoch >= from && slot.Epoch <= to) visit(slot);
            }
        }
    }

    public int AllocatedSlots
    {
        get
        {
            lock (_gate) return Count(_seconds) + Count(_minutes);
        }
    }

    /// <summary>Chunks made so far (each 15 references): with <see cref="AllocatedSlots"/>, this series' memory.</summary>
    public int AllocatedChunks
    {
        get
        {
            lock (_gate) return _seconds.Count(c => c is not null) + _minutes.Count(c => c is not null);
        }
    }

    /// <summary>Adds this series' slots to <paramref name="perMinute"/>, by the minute each starts in.</summary>
    public void CountByMinute(Dictionary<long, int> perMinute)
    {
        lock (_gate)
        {
            foreach (var (ring, toMinute) in new[] { (_seconds, 60L), (_minutes, 1L) })
                foreach (var chunk in ring)
                    if (chunk is not null)
                        foreach (var slot in chunk)
                            if (slot is not null) perMinute[slot.Epoch / toMinute] = perMinute.GetValueOrDefault(slot.Epoch / toMinute) + 1;
        }
    }

    /// <summary>Lets go of the slots that start before <paramref name="minute"/> (and chunks left empty); returns how many.</summary>
    public int DropBefore(long minute)
    {
        lock (_gate) return Drop(_seconds, minute * 60) + Drop(_minutes, minute);
    }

    private static int Drop(Slot?[]?[] ring, long epoch)
    {
        var dropped = 0;
        for (var c = 0; c < ring.Length; c++)
        {
            var chunk = ring[c];
            if (chunk is null) continue;
            var left = 0;
            for (var i = 0; i < chunk.Length; i++)
            {
                if (chunk[i] is not { } slot) continue;
                if (slot.Epoch < epoch)
                {
                    chunk[i] = null;
                    dropped++;
                }
                else left++;
            }
            if (left == 0) ring[c] = null;
        }
        return dropped;
    }

    private static int Count(Slot?[]?[] ring) => ring.Sum(c => c?.Count(s => s is not null) ?? 0);

    private static Slot SlotFor(Slot?[]?[] ring, int length, long epoch, ref int made)
    {
        var index = (int)(epoch % length);
        var chunk = ring[index / ChunkSlots] ??= new Slot?[ChunkSlots];
        var slot = chunk[index % ChunkSlots];
        if (slot is null)
        {
            made++;
            return chunk[index % ChunkSlots] = new Slot { Epoch = epoch };
        }
        if (slot.Epoch != epoch) slot.Reset(epoch);
        return slot;
    }
}
