namespace Dashboard.Core.Stores;

/// <summary>
/// A tenant-wide orders listing, newest first: optionally one status, optionally orders created from the start
/// of <see cref="From"/> to the end of <see cref="To"/> (UTC days, both included). Served by an index on every
/// backend, never a scan. Order ids are ULIDs whose time part is the creation time, so the window is an id range.
/// </summary>
public sealed record OrderQuery(OrderStatus? Status = null, DateOnly? From = null, DateOnly? To = null)
{
    public static OrderQuery All { get; } = new();

    /// <summary>The smallest id an order created at or after <see cref="From"/> can have, or null with no lower bound.</summary>
    public string? MinId => From is { } from ? UlidBounds.AtOrAfter(Start(from)) : null;

    /// <summary>An id greater than every order created on or before <see cref="To"/>, or null with no upper bound.</summary>
    public string? IdBelow => To is { } to ? UlidBounds.AtOrAfter(Start(to.AddDays(1))) : null;

    /// <summary>A stable name of the filter, part of every page token so a token only continues its own listing.</summary>
    public string Key => $"{Status?.ToString() ?? "any"}/{From?.ToString("yyyy-MM-dd") ?? ""}/{To?.ToString("yyyy-MM-dd") ?? ""}";

    /// <summary>Refuses a status outside the life cycle or a window that ends before it starts.</summary>
    public void Check()
    {
        if (Status is { } status && !Enum.IsDefined(status)) throw new ValidationException("status", "Unknown status.");
        if (From is { } from && To is { } to && to < from)
            throw new ValidationException("to", $"The window ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        if (To is { } last && last >= DateOnly.MaxValue.AddDays(-1)) throw new ValidationException("to", "The end date is out of range.");
    }

    private static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
