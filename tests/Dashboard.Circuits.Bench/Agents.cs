namespace Dashboard.Circuits.Bench;

/// <summary>
/// Support agents in headless Chromium, one browser profile (and so one circuit) each, all signed in as the demo
/// agent. Each pages through the sandbox's users and opens a user (their orders), thinking between clicks; every
/// click is timed in the page from the click to the DOM showing its result.
/// </summary>
internal sealed class Agents(IBrowser browser, Uri app, string storageState, string startPage = "/t/sandbox/users") : AgentPool<IPage>
{
    private readonly List<IBrowserContext> _contexts = [];

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

    /// <summary>Opens agents until there are <paramref name="count"/>, each on the users page with its circuit live.</summary>
    public override async Task GrowToAsync(int count)
    {
        while (Agents.Count < count)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ToString(), StorageStatePath = storageState });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync(startPage);
            await page.Locator("#app-shell[data-interactive=true]").WaitForAsync();
            _contexts.Add(context);
            Agents.Add(page);
        }
    }

    protected override async Task<double?> TakeAsync(IPage page, int index, AgentStep step)
    {
        if (step == AgentStep.Back)
        {
            await page.GoBackAsync();
            await page.Locator("#app-shell[data-interactive=true]").WaitForAsync();
            return null;
        }
        var ms = await page.EvaluateAsync<double>(ClickAndWait, step == AgentStep.OpenUser ? null : PagerButton(step));
        return ms >= 0 ? ms : null;
    }

    protected override async Task EndOnStartPageAsync(IPage page, bool onUser)
    {
        if (onUser) await TakeAsync(page, 0, AgentStep.Back);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
        _contexts.Clear();
        Agents.Clear();
    }
}
