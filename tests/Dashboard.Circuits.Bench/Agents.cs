using System.Diagnostics;

namespace Dashboard.Circuits.Bench;

/// <summary>
/// Support agents in headless Chromium, one browser profile (and so one circuit) each, all signed in as the demo
/// agent. Each pages through the sandbox's users and opens a user (their orders), thinking between clicks; every
/// click is timed in the page from the click to the DOM showing its result.
/// </summary>
internal sealed class Agents(IBrowser browser, Uri app, string storageState, string startPage = "/t/sandbox/users") : IAgentPool
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<IPage> _pages = [];

    /// <summary>
    /// Clicks <paramref name="buttonText"/>'s button (or the first email link when null) and resolves, in ms, when
    /// the page shows a different "Page n ·" line, or the user's orders.
    /// </summary>
    private const string ClickAndWait = """
        (buttonText) => new Promise((resolve, reject) => {
          const pager = () => [...document.querySelectorAll('p, span, div')].find(e => /^Page \d+ ·/.test(e.textContent.trim()) && e.children.length === 0)?.textContent;
          const before = pager();
          const done = () => buttonText ? pager() !== before : document.querySelector('[aria-label^="Orders of"] tbody tr') !== null;
          const target = buttonText
            ? [...document.querySelectorAll('button')].find(b => b.textContent.trim().toLowerCase() === buttonText.toLowerCase() && !b.disabled)
            : document.querySelector('td[data-label=Email] a');
          if (!target) { resolve(-1); return; }
          const start = performance.now();
          const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now() - start); } });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setTimeout(() => { observer.disconnect(); reject(new Error('no render within 30 s')); }, 30000);
          target.click();
        })
        """;

    public int Count => _pages.Count;

    /// <summary>Opens agents until there are <paramref name="count"/>, each on the users page with its circuit live.</summary>
    public async Task GrowToAsync(int count)
    {
        while (_pages.Count < count)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ToString(), StorageStatePath = storageState });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync(startPage);
            await page.Locator("#app-shell[data-interactive=true]").WaitForAsync();
            _contexts.Add(context);
            _pages.Add(page);
        }
    }

    /// <summary>
    /// Every agent works for <paramref name="duration"/>: next page ×3, previous ×3, open a user and back; returns
    /// each click's ms. Each agent ends on the start page.
    /// </summary>
    public async Task<List<double>> WorkAsync(TimeSpan duration, TimeSpan think)
    {
        var until = Stopwatch.StartNew();
        var latencies = new List<double>();
        await Task.WhenAll(_pages.Select(async (page, i) =>
        {
            var random = new Random(i);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next((int)think.TotalMilliseconds)));
            var onUser = false;
            for (var step = 0; until.Elapsed < duration; step++)
            {
                var action = (step % 8) switch { < 3 => "Next page", < 6 => "Previous page", 6 => null, _ => "back" };
                double ms;
                if (action == "back")
                {
                    var sw = Stopwatch.StartNew();
                    await page.GoBackAsync();
                    await page.Locator("#app-shell[data-interactive=true]").WaitForAsync();
                    ms = -1; // the interactive router handles popstate in the same circuit; not a click: not counted
                }
                else
                {
                    ms = await page.EvaluateAsync<double>(ClickAndWait, action);
                }
                if (ms >= 0) lock (latencies) latencies.Add(ms);
                onUser = action is null;
                await Task.Delay(think * (0.5 + random.NextDouble()));
            }
            // Back on the start page, so memory is measured with every agent there, as it says.
            if (onUser)
            {
                await page.GoBackAsync();
                await page.Locator("#app-shell[data-interactive=true]").WaitForAsync();
            }
        }));
        return latencies;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
        _contexts.Clear();
        _pages.Clear();
    }
}
