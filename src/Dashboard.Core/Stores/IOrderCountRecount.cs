namespace Dashboard.Core.Stores;

/// <summary>
/// A backend store whose per-status order counts are counters kept beside the orders (DynamoDB), moved by every
/// write rather than counted on reading. A bulk load moves them by what it read around its write, so a load racing
/// a status change, or a batch that lands after its answer was lost, leaves them off; a recount sets them from the
/// orders again. It reads every order's index entry, and a status change racing it can still be missed: run it
/// where nothing else writes, such as a migration's target before it goes live. Optional.
/// </summary>
public interface IOrderCountRecount
{
    Task RecountOrdersByStatusAsync(CancellationToken ct);
}
