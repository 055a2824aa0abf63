namespace FaunaLocal.Engine;

/// <summary>
/// Writes a query result for the response. Documents are read and sent whole (`@doc`); a missing one is a
/// `@ref` with `exists: false`; references stored inside a document stay `@ref`. A set is sent as its first
/// page wherever it appears (as Fauna materializes sets up to 10 levels deep; deeper ones as their cursor).
/// An event source is sent as its token, starting at this query's time.
/// </summary>
public sealed class WireWriter(Interpreter interp, bool tagged) : TaggedWriter(tagged)
{
    private const int SetMaterializationDepth = 10;
    private int _insideDocument;
    private int _setDepth;

    public void WriteResult(Utf8JsonWriter w, Value v) => Write(w, v);

    private void WriteSet(Utf8JsonWriter w, SetValue s)
    {
        if (_setDepth >= SetMaterializationDepth)
        {
            var cursor = SetCursor.Encode(s, null, null, s.PageSize ?? SetMethods.DefaultPageSize);
            TagOrString(w, "@set", cursor);
            return;
        }
        var page = SetMethods.Paginate(interp, s, null, null, s.PageSize ?? SetMethods.DefaultPageSize);
        _setDepth++;
        try
        {
            if (!Tagged)
            {
                Write(w, page);
                return;
            }
            w.WriteStartObject();
            w.WritePropertyName("@set");
            WriteFields(w, page.Fields);
            w.WriteEndObject();
        }
        finally { _setDepth--; }
    }

    protected override void WriteDocRef(Utf8JsonWriter w, DocRefValue d)
    {
        if (_insideDocument > 0)
        {
            if (Tagged) base.WriteDocRef(w, d);
            else w.WriteStringValue(d.Id.ToString(CultureInfo.InvariantCulture));
            return;
        }
        var doc = Documents.Read(interp, d);
        if (doc == null)
        {
            WriteMissing(w, ("id", d.Id.ToString(CultureInfo.InvariantCulture)), d.Collection, interp.Txn.Deleted.Contains((d.Collection, d.Id)) ? "deleted" : "not found");
            return;
        }
        _insideDocument++;
        try
        {
            WriteDocument(w, d.Collection, inner =>
            {
                inner.WriteString("id", d.Id.ToString(CultureInfo.InvariantCulture));
                WriteCollAndTs(inner, d.Collection, doc.Ts);
                if (doc.Ttl is { } ttl)
                {
                    inner.WritePropertyName("ttl");
                    Write(inner, new TimeValue(ttl));
                }
            }, doc.Data.Fields);
        }
        finally { _insideDocument--; }
    }

    protected override void WriteNamedDoc(Utf8JsonWriter w, NamedDocValue n)
    {
        var doc = SchemaDocuments.Read(interp, n);
        if (doc == null)
        {
            WriteMissing(w, ("name", n.Name), n.Module, "not found");
            return;
        }
        WriteDocument(w, n.Module, inner =>
        {
            inner.WriteString("name", n.Name);
            WriteCollAndTs(inner, n.Module, doc.Value.Ts);
        }, doc.Value.Fields.Fields.Where(f => f.Key != "name"));
    }

    private void WriteDocument(Utf8JsonWriter w, string coll, Action<Utf8JsonWriter> header, IEnumerable<KeyValuePair<string, Value>> fields)
    {
        if (!Tagged)
        {
            WriteFields(w, fields, header);
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("@doc");
        WriteFields(w, fields, header);
        w.WriteEndObject();
    }

    private void WriteCollAndTs(Utf8JsonWriter w, string coll, long ts)
    {
        w.WritePropertyName("coll");
        Write(w, new ModuleValue(coll));
        w.WritePropertyName("ts");
        Write(w, new TimeValue(ts));
    }

    private void WriteMissing(Utf8JsonWriter w, (string Key, string Value) identity, string coll, string cause)
    {
        if (!Tagged)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("@ref");
        w.WriteStartObject();
        w.WriteString(identity.Key, identity.Value);
        w.WritePropertyName("coll");
        Tag(w, "@mod", coll);
        w.WriteBoolean("exists", false);
        w.WriteString("cause", cause);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    protected override void WriteOther(Utf8JsonWriter w, Value v)
    {
        switch (v)
        {
            case SetValue s:
                WriteSet(w, s);
                break;
            case EventSourceValue e:
                var start = e.Start ?? EventCursor.AfterTime(interp.Txn.TxnTs ?? interp.Txn.SnapshotTs);
                TagOrString(w, "@stream", EventSourceToken.Encode(e, start));
                break;
            case FunctionValue f:
                w.WriteStringValue($"[function {f.Name}]");
                break;
            default:
                w.WriteStringValue($"[{v.TypeName}]");
                break;
        }
    }
}
