using Dashboard.Operations.Live;

namespace Dashboard.Live.Bench;

/// <summary>
/// Waits until the hub's feeds have opened and taken their starting position (from then on they miss no change),
/// rather than for a fixed time that is too long on a quiet machine and may be too short on a busy one.
/// </summary>
public static class FeedsPositioned
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    /// <summary>Then waits <paramref name="settle"/> more, for what a new feed reads once after its position (its catch-up read).</summary>
    public static async Task WaitAsync(ChangeHub hub, int feeds, TimeSpan settle, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + GiveUp;
        while (hub.OpenFeeds < feeds || hub.PositionedFeeds < hub.OpenFeeds)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{hub.PositionedFeeds} of {feeds} feeds took their position within {GiveUp.TotalSeconds:0} s");
            await Task.Delay(20, ct);
        }
        await Task.Delay(settle, ct);
    }
}
