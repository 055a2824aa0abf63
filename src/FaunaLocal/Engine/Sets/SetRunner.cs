namespace FaunaLocal.Engine.Sets;

/// <summary>An element on its way through a set: its value and the key that places it (for cursors).</summary>
public readonly record struct SetItem(Value Value, Value[] Key);

/// <summary>One page of a set and where the next one starts.</summary>
public sealed record SetPage(List<Value> Data, Value[]? LastKey, int[] Counters, bool HasMore);

/// <summary>
/// Runs a set's stages. A page resumes after the key of the previous page's last element: for a set read in
/// index order that is the index key (values + id); after `order()` it is the sort key + the element's key.
/// take/drop keep their progress in per-stage counters carried by the cursor.
/// </summary>
public sealed class SetRunner(Interpreter interp)
{
    public IEnumerable<Value> Enumerate(SetValue set) =>
        ApplyStages(Scan(set.Source, null), set.Stages, 0, new int[set.Stages.Length]).Select(i => i.Value);

    public SetPage Page(SetValue set, Value[]? after, int[]? counters, int size)
    {
        var stages = set.Stages;
        var state = counters is { Length: var n } && n == stages.Length ? (int[])counters.Clone() : new int[stages.Length];
        var lastOrder = -1;
        for (var i = stages.Length - 1; i >= 0 && lastOrder < 0; i--)
            if (stages[i] is OrderStage) lastOrder = i;

        IEnumerable<SetItem> items;
        if (lastOrder < 0)
        {
            items = ApplyStages(Scan(set.Source, after), stages, 0, state);
        }
        else
        {
            Array.Clear(state, 0, lastOrder + 1);
            var before = ApplyStages(Scan(set.Source, null), stages[..lastOrder], 0, state);
            var order = (OrderStage)stages[lastOrder];
            var sorted = Sort(before, order);
            var start = 0;
            if (after != null)
            {
                var cmp = KeyComparer(order);
                while (start < sorted.Count && cmp(sorted[start].Key, after) <= 0) start++;
            }
            items = ApplyStages(sorted.Skip(start), stages, lastOrder + 1, state);
        }

        var data = new List<Value>();
        Value[]? lastKey = null;
        var snapshot = (int[])state.Clone();
        var more = false;
        foreach (var item in items)
        {
            if (data.Count == size)
            {
                more = true;
                break;
            }
            data.Add(item.Value);
            lastKey = item.Key;
            snapshot = (int[])state.Clone();
        }
        return new SetPage(data, lastKey, snapshot, more);
    }

    private IEnumerable<SetItem> ApplyStages(IEnumerable<SetItem> src, ImmutableArray<SetStage> stages, int from, int[] counters)
    {
        for (var i = from; i < stages.Length; i++)
        {
            var index = i;
            src = stages[i] switch
            {
                WhereStage w => src.Where(item => interp.Truthy(interp.Invoke(w.Predicate, [item.Value], -1), "where")),
                MapStage m => src.Select(item => item with { Value = interp.Invoke(m.Mapper, [item.Value], -1) }),
                OrderStage o => Sort(src, o),
                TakeStage t => Take(src, t.Count, index, counters),
                DropStage d => Drop(src, d.Count, index, counters),
                _ => throw new InvalidOperationException("unknown set stage"),
            };
        }
        return src;
    }

    private static IEnumerable<SetItem> Take(IEnumerable<SetItem> src, int count, int index, int[] counters)
    {
        if (counters[index] >= count) yield break;
        foreach (var item in src)
        {
            counters[index]++;
            yield return item;
            if (counters[index] >= count) yield break;
        }
    }

    private static IEnumerable<SetItem> Drop(IEnumerable<SetItem> src, int count, int index, int[] counters)
    {
        foreach (var item in src)
        {
            if (counters[index] < count)
            {
                counters[index]++;
                continue;
            }
            yield return item;
        }
    }

    private List<SetItem> Sort(IEnumerable<SetItem> src, OrderStage order)
    {
        var keyed = src.Select(item =>
        {
            var sortKey = order.Orderings.IsEmpty
                ? [item.Value]
                : order.Orderings.Select(o => interp.Invoke(o.Key, [item.Value], -1)).ToArray();
            return item with { Key = [.. sortKey, .. item.Key] };
        }).ToList();
        var cmp = KeyComparer(order);
        keyed.Sort((a, b) => cmp(a.Key, b.Key));
        return keyed;
    }

    private static Comparison<Value[]> KeyComparer(OrderStage order)
    {
        var flags = order.Orderings.IsEmpty ? [false] : order.Orderings.Select(o => o.Descending).ToArray();
        return (a, b) =>
        {
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var c = ValueComparer.Instance.Compare(a[i], b[i]);
                if (i < flags.Length && flags[i]) c = -c;
                if (c != 0) return c;
            }
            return a.Length.CompareTo(b.Length);
        };
    }

    /// <summary>Reads the source in its natural order, starting after the given key; meters the index entries read.</summary>
    private IEnumerable<SetItem> Scan(SetSource source, Value[]? after)
    {
        switch (source)
        {
            case ArraySource a:
                var from = after is [IntValue i] ? i.Value + 1 : 0;
                for (var k = from; k < a.Items.Length; k++) yield return new SetItem(a.Items[k], [new IntValue(k)]);
                yield break;
            case IndexSource s:
                foreach (var item in ScanIndex(s, after)) yield return item;
                yield break;
        }
    }

    /// <summary>Documents past their ttl stay in the indexes but are no longer members of any set.</summary>
    private bool Expired(CollectionState coll, long id) => coll.Docs[id].ExpiredAt(interp.Txn.SnapshotTs);

    private IEnumerable<SetItem> ScanIndex(IndexSource s, Value[]? after)
    {
        interp.CheckDeadline();
        var coll = interp.Txn.Collection(s.Collection);
        var def = s.Index == null ? null : coll?.FindIndex(s.Index);
        long bytes = 0;
        try
        {
            if (coll == null) yield break;
            if (s.Index == null)
            {
                var ids = coll.Ids;
                var start = 0;
                if (after is [.., LongValue afterId])
                {
                    var found = ids.IndexOf(afterId.Value);
                    start = found >= 0 ? found + 1 : ~found;
                }
                for (var k = start; k < ids.Count; k++)
                {
                    var id = ids[k];
                    bytes += 16;
                    if (Expired(coll, id)) continue;
                    yield return new SetItem(new DocRefValue(s.Collection, id), [new LongValue(id)]);
                }
                yield break;
            }
            if (def == null) yield break;
            var entries = coll.Indexes[def.Name];
            var terms = s.Terms.ToArray();
            IndexEntry probe = after is { Length: > 0 } && after[^1] is LongValue last
                ? new IndexEntry(terms, after[..^1], last.Value)
                : new IndexEntry(terms, null, long.MinValue);
            var pos = entries.IndexOf(probe);
            var begin = pos >= 0 ? (after != null ? pos + 1 : pos) : ~pos;
            for (var k = begin; k < entries.Count; k++)
            {
                var e = entries[k];
                if (!e.Terms.AsSpan().SequenceEqual(terms, ValueComparer.Instance)) yield break;
                bytes += e.Size;
                if (Expired(coll, e.Id)) continue;
                yield return new SetItem(new DocRefValue(s.Collection, e.Id), [.. e.Values!, new LongValue(e.Id)]);
            }
        }
        finally
        {
            interp.Txn.Meter.IndexRead(bytes, def?.Partitions ?? 8);
        }
    }
}
