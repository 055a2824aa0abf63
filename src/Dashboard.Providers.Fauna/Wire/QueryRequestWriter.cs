using System.Buffers;

namespace Dashboard.Providers.Fauna.Wire;

/// <summary>Writes the body of <c>POST /query/1</c>: <c>{"query": {"fql": [fragments]}}</c>.</summary>
internal static class QueryRequestWriter
{
    public static byte[] Body(Query query)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WritePropertyName("query");
            WriteTemplate(w, query);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteTemplate(Utf8JsonWriter w, Query query)
    {
        w.WriteStartObject();
        w.WriteStartArray("fql");
        foreach (var fragment in query.Fragments)
        {
            switch (fragment)
            {
                case SourceFragment s:
                    w.WriteStringValue(s.Text);
                    break;
                case ValueFragment v:
                    w.WriteStartObject();
                    w.WritePropertyName("value");
                    TaggedJson.Write(w, v.Value);
                    w.WriteEndObject();
                    break;
                case NestedFragment n:
                    WriteTemplate(w, n.Query);
                    break;
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
