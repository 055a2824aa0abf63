using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Resilience;

/// <summary>Moves a <see cref="FakeTimeProvider"/> forward in small steps until something happened.</summary>
public static class FakeTime
{
    /// <summary>
    /// Advances by <paramref name="step"/> until <paramref name="done"/> holds, letting continuations on the thread
    /// pool run between steps (real time), and returns how much fake time that took.
    /// </summary>
    public static async Task<TimeSpan> AdvanceUntilAsync(this FakeTimeProvider clock, Func<bool> done, TimeSpan step, TimeSpan limit)
    {
        var start = clock.GetUtcNow();
        for (var i = 1; !done(); i++)
        {
            if (clock.GetUtcNow() - start >= limit) throw new TimeoutException($"not done after {limit} of fake time");
            clock.Advance(step);
            // Timers fire inside Advance and most continuations run there too; now and then give the pool a moment.
            if (i % 10 == 0) await Task.Delay(1, Xunit.TestContext.Current.CancellationToken);
            else await Task.Yield();
        }
        return clock.GetUtcNow() - start;
    }

    /// <summary>Real time to wait for work that needs no clock (a real backend's answer).</summary>
    public static async Task WaitUntilAsync(Func<bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not done within {limit}");
            await Task.Delay(5, Xunit.TestContext.Current.CancellationToken);
        }
    }
}
