namespace Dashboard.Core.Access;

/// <summary>
/// The person the current unit of work acts for (a Blazor circuit, an HTTP request, a tool run). The host
/// implements it from the signed-in principal; background work uses <see cref="FixedPerson"/> with
/// <see cref="Person.System"/>, explicitly.
/// </summary>
public interface ICurrentPerson
{
    Person Person { get; }
}

/// <summary>A unit of work that always acts for the same person: tools, background services, tests.</summary>
public sealed class FixedPerson(Person person) : ICurrentPerson
{
    public Person Person { get; } = person;
}
