using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Dashboard.E2E.Accessibility;

/// <summary>axe-core with the WCAG 2.0 and 2.1 A and AA rules: what the dashboard promises (README, "Accessibility").</summary>
public static class AxeCheck
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // Only what fails: passes and inapplicable rules make the result large and slow to hand back.
        ResultTypes = [ResultType.Violations],
        Iframes = false,
    };

    /// <summary>Every violation on the page as it is now, one readable paragraph each; empty when it passes.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Legacy mode runs axe.run() in the page: one injection of axe-core. The default mode also runs a second copy
        // in a fresh blank page to merge frames' results, which doubles the cost of every check; the dashboard has
        // no frames to merge.
#pragma warning disable CS0618
        var result = await page.RunAxeLegacy(options: Options);
#pragma warning restore CS0618
        return result.Violations.Select(Describe).ToList();
    }

    private static string Describe(AxeResultItem violation)
    {
        var text = new StringBuilder($"{violation.Id} ({violation.Impact}): {violation.Help}");
        foreach (var node in violation.Nodes.Take(5))
            text.Append($"\n      {node.Target} :: {Reason(node)}");
        if (violation.Nodes.Length > 5) text.Append($"\n      … and {violation.Nodes.Length - 5} more");
        return text.ToString();
    }

    /// <summary>What axe says failed at this node (for a contrast failure: both colours and the ratio).</summary>
    private static string Reason(AxeResultNode node) =>
        string.Join("; ", new[] { node.Any, node.All, node.None }.Where(c => c is not null).SelectMany(c => c!).Select(c => c.Message).Distinct());
}
