namespace FaunaLocal.Values;

/// <summary>
/// Writes values in Fauna's tagged JSON format (or the untagged simple format). This base writes
/// document references as `@ref`, which is how they are stored; the wire writer resolves them.
/// </summary>
public class TaggedWriter(bool tagged = true)
{
    public bool Tagged { get; } = tagged;

    public void Write(Utf8JsonWriter w, Value v)
    {
        switch (v)
        {
            case NullValue: w.WriteNullValue(); break;
            case BoolValue b: w.WriteBooleanValue(b.Value); break;
            case StringValue s: w.WriteStringValue(s.Value); break;
            case IntValue i:
                if (Tagged) Tag(w, "@int", i.Value.ToString(CultureInfo.InvariantCulture));
                else w.WriteNumberValue(i.Value);
                break;
            case LongValue l:
                if (Tagged) Tag(w, "@long", l.Value.ToString(CultureInfo.InvariantCulture));
                else w.WriteNumberValue(l.Value);
                break;
            case DoubleValue d:
                if (Tagged) Tag(w, "@double", FormatDouble(d.Value));
                else if (double.IsFinite(d.Value)) w.WriteNumberValue(d.Value);
                else w.WriteStringValue(FormatDouble(d.Value));
                break;
            case DateValue d: TagOrString(w, "@date", Display.FormatDate(d.Value)); break;
            case TimeValue t: TagOrString(w, "@time", Display.FormatTime(t.Micros)); break;
            case BytesValue b: TagOrString(w, "@bytes", Convert.ToBase64String(b.Value)); break;
            case UuidValue u: TagOrString(w, "@uuid", u.Value.ToString()); break;
            case ModuleValue m: TagOrString(w, "@mod", m.Name); break;
            case ArrayValue a:
                w.WriteStartArray();
                foreach (var item in a.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case ObjectValue o: WriteObject(w, o); break;
            case DocRefValue d: WriteDocRef(w, d); break;
            case NamedDocValue n: WriteNamedDoc(w, n); break;
            default: WriteOther(w, v); break;
        }
    }

    public static string FormatDouble(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity"
        : d.ToString("R", CultureInfo.InvariantCulture);

    protected void WriteObject(Utf8JsonWriter w, ObjectValue o)
    {
        var wrap = Tagged && o.Keys.Any(k => k.StartsWith('@'));
        if (wrap)
        {
            w.WriteStartObject();
            w.WritePropertyName("@object");
        }
        WriteFields(w, o.Fields);
        if (wrap) w.WriteEndObject();
    }

    protected void WriteFields(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, Value>> fields, Action<Utf8JsonWriter>? prefix = null)
    {
        w.WriteStartObject();
        prefix?.Invoke(w);
        foreach (var (k, val) in fields)
        {
            w.WritePropertyName(k);
            Write(w, val);
        }
        w.WriteEndObject();
    }

    protected virtual void WriteDocRef(Utf8JsonWriter w, DocRefValue d)
    {
        w.WriteStartObject();
        w.WritePropertyName("@ref");
        w.WriteStartObject();
        w.WriteString("id", d.Id.ToString(CultureInfo.InvariantCulture));
        w.WritePropertyName("coll");
        Tag(w, "@mod", d.Collection);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    protected virtual void WriteNamedDoc(Utf8JsonWriter w, NamedDocValue n)
    {
        w.WriteStartObject();
        w.WritePropertyName("@ref");
        w.WriteStartObject();
        w.WriteString("name", n.Name);
        w.WritePropertyName("coll");
        Tag(w, "@mod", n.Module);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    protected virtual void WriteOther(Utf8JsonWriter w, Value v) =>
        throw new StoreValueException($"A value of type {v.TypeName} cannot be stored or sent");

    protected static void Tag(Utf8JsonWriter w, string tag, string payload)
    {
        w.WriteStartObject();
        w.WriteString(tag, payload);
        w.WriteEndObject();
    }

    protected void TagOrString(Utf8JsonWriter w, string tag, string payload)
    {
        if (Tagged) Tag(w, tag, payload);
        else w.WriteStringValue(payload);
    }

    public static byte[] ToBytes(TaggedWriter writer, Value v)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) writer.Write(w, v);
        return buffer.WrittenSpan.ToArray();
    }
}

public sealed class StoreValueException(string message) : Exception(message);
