namespace FaunaLocal.Engine.Streams;

/// <summary>
/// What `set.eventSource()` and `set.eventsOn(.f)` return: a base set (a collection's `all()`, an index with
/// its terms, or one document via `Set.single(doc)`), the where/map stages applied to each changed document,
/// the fields whose changes matter (none: all), and where it starts. A new source starts at the time of the
/// query that made it; the response carries it as a token.
/// </summary>
public sealed class EventSourceValue(SetValue set, ImmutableArray<FieldPath> watched, EventCursor? start = null) : Value
{
    public SetValue Set { get; } = set;
    public ImmutableArray<FieldPath> Watched { get; } = watched;
    public EventCursor? Start { get; } = start;
    public override string TypeName => "EventSource";

    public EventSourceValue With(SetStage stage) => new(Set.With(stage), Watched, Start);

    /// <summary>The collection, index and terms the events come from.</summary>
    public IndexSource? Index => Set.Source as IndexSource;

    /// <summary>The one document of a `Set.single(doc)` source.</summary>
    public DocRefValue? Document => Set.Source is ArraySource { Items: [DocRefValue d] } ? d : null;

    public string Collection => Index?.Collection ?? Document!.Collection;
}
