using System.Buffers.Binary;

namespace FaunaLocal.Engine.Streams;

/// <summary>
/// A position in the commit log: a transaction time and an event's ordinal within that transaction. Events
/// are totally ordered by (Ts, Ord); resuming "after" a cursor never repeats or skips one. Ord = After means
/// after every event of that transaction (a status event's or a start time's cursor).
/// </summary>
public readonly record struct EventCursor(long Ts, int Ord) : IComparable<EventCursor>
{
    public const int After = int.MaxValue;

    public static EventCursor AfterTime(long ts) => new(ts, After);

    public int CompareTo(EventCursor other) => Ts != other.Ts ? Ts.CompareTo(other.Ts) : Ord.CompareTo(other.Ord);

    public static bool operator <(EventCursor a, EventCursor b) => a.CompareTo(b) < 0;
    public static bool operator >(EventCursor a, EventCursor b) => a.CompareTo(b) > 0;
    public static bool operator <=(EventCursor a, EventCursor b) => a.CompareTo(b) <= 0;
    public static bool operator >=(EventCursor a, EventCursor b) => a.CompareTo(b) >= 0;

    /// <summary>Opaque to clients, like Fauna's: 12 bytes (time, ordinal) in base64.</summary>
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Ts);
        BinaryPrimitives.WriteInt32BigEndian(bytes[8..], Ord);
        return Convert.ToBase64String(bytes);
    }

    public static EventCursor? Decode(string text)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!Convert.TryFromBase64String(text, bytes, out var n) || n != 12) return null;
        var ts = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var ord = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
        return ts < 0 || ord < 0 ? null : new EventCursor(ts, ord);
    }
}
