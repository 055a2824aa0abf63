using System.Diagnostics;

namespace Dashboard.Circuits.Bench;

/// <summary>One step of an agent's work, whatever its client.</summary>
internal enum AgentStep { NextPage, PreviousPage, OpenUser, Back }

/// <summary>
/// The agents' work, the same for both clients: each agent starts within one think time of the others, takes the
/// plan's steps in turn (next page ×3, previous ×3, open the first user, back) with 0.5–1.5 think times between them
/// until the time is up, and ends on the start page. A client says how to take a step.
/// </summary>
internal abstract class AgentPool<TAgent> : IAgentPool
{
    private static readonly AgentStep[] Plan =
    [
        AgentStep.NextPage, AgentStep.NextPage, AgentStep.NextPage,
        AgentStep.PreviousPage, AgentStep.PreviousPage, AgentStep.PreviousPage,
        AgentStep.OpenUser, AgentStep.Back,
    ];

    protected List<TAgent> Agents { get; } = [];

    public abstract Task GrowToAsync(int count);

    /// <summary>
    /// Takes <paramref name="step"/> as agent number <paramref name="index"/> (from 0); returns the click's ms, or null
    /// when nothing was clicked and timed (Back is not a click: the interactive router handles it in the same circuit).
    /// </summary>
    protected abstract Task<double?> TakeAsync(TAgent agent, int index, AgentStep step);

    /// <summary>Back to the start page after the work (<paramref name="onUser"/>: its last step opened a user), so memory is measured with every agent there.</summary>
    protected abstract Task EndOnStartPageAsync(TAgent agent, bool onUser);

    /// <summary>Whether <paramref name="e"/> stops only this agent (the client has recorded it) rather than the whole run.</summary>
    protected virtual bool StopsOnlyTheAgent(int index, Exception e) => false;

    protected static string PagerButton(AgentStep step) => step == AgentStep.NextPage ? "Next page" : "Previous page";

    public async Task<List<double>> WorkAsync(TimeSpan duration, TimeSpan think)
    {
        var until = Stopwatch.StartNew();
        var latencies = new List<double>();
        await Task.WhenAll(Agents.Select(async (agent, i) =>
        {
            var random = new Random(i);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next((int)think.TotalMilliseconds)));
            try
            {
                var onUser = false;
                for (var step = 0; until.Elapsed < duration; step++)
                {
                    var next = Plan[step % Plan.Length];
                    if (await TakeAsync(agent, i, next) is { } ms) lock (latencies) latencies.Add(ms);
                    onUser = next == AgentStep.OpenUser;
                    await Task.Delay(think * (0.5 + random.NextDouble()));
                }
                await EndOnStartPageAsync(agent, onUser);
            }
            catch (Exception e) when (StopsOnlyTheAgent(i, e))
            {
            }
        }));
        return latencies;
    }

    public abstract ValueTask DisposeAsync();
}
