namespace Dashboard.E2E.Accessibility;

/// <summary>What a route's path is made of on this run: a tenant, a user on it and one of that user's orders.</summary>
public sealed record RouteSamples(string Tenant, string UserId, string OrderId);

/// <summary>
/// One page as the accessibility checks visit it. <paramref name="Template"/> is the page's @page template, so
/// <see cref="PageRoutesCoverageTests"/> can tell a new page that is missing here. A static page (sign-in, error)
/// has no circuit to wait for.
/// </summary>
public sealed record PageRoute(string Template, string Name, Func<RouteSamples, string> Path, bool Static = false)
{
    public override string ToString() => Name;
}

/// <summary>A dialog, opened on its page after the page's own check, checked while open, then closed.</summary>
public sealed record DialogCheck(string Page, string Name, Func<IPage, Task> OpenAsync, Func<IPage, Task> CloseAsync);

/// <summary>
/// Every page of the dashboard, in one place: the axe-core sweep, the reflow checks and the coverage test read this
/// list. A new page gets a line here (the coverage test fails until it has one).
/// </summary>
public static class PageRoutes
{
    /// <summary>Pages an Ops person can open, in the order the sweep visits them (tenant pages first, so the ops
    /// pages have traffic to chart).</summary>
    public static IReadOnlyList<PageRoute> All { get; } =
    [
        new("/", "tenants", _ => "/"),
        new("/t/{Tenant}/users", "users", s => $"/t/{s.Tenant}/users"),
        new("/t/{Tenant}/users/{UserId}", "user", s => $"/t/{s.Tenant}/users/{s.UserId}"),
        new("/t/{Tenant}/users/{UserId}", "user that does not exist", s => $"/t/{s.Tenant}/users/01ARZ3NDEKTSV4RRFFQ69G5FAV"),
        new("/t/{Tenant}/orders", "orders", s => $"/t/{s.Tenant}/orders?status=Pending"),
        new("/t/{Tenant}/orders/{OrderId}", "order", s => $"/t/{s.Tenant}/orders/{s.OrderId}"),
        new("/ops/throughput", "throughput", _ => "/ops/throughput"),
        new("/ops/throttling", "throttling", _ => "/ops/throttling"),
        new("/ops/cost", "cost", _ => "/ops/cost"),
        new("/ops/sessions", "sessions", _ => "/ops/sessions"),
        new("/ops/tenants", "manage tenants", _ => "/ops/tenants"),
        new("/ops/alerts", "alerts", _ => "/ops/alerts"),
        new("/ops/migrations", "migrations", _ => "/ops/migrations"),
        new("/ops/compare", "compare backends", _ => "/ops/compare"),
        new("/audit", "audit log", _ => "/audit"),
        new("/not-found", "not found", _ => "/not-found"),
        new("/status", "status page opened directly", _ => "/status"),
        new("/forbidden", "forbidden", _ => "/forbidden", Static: true),
        new("/error", "error", _ => "/error", Static: true),
    ];

    /// <summary>The sign-in page: checked before signing in, in each theme.</summary>
    public static PageRoute SignIn { get; } = new("/login", "sign-in", _ => "/login", Static: true);

    public static IReadOnlyList<DialogCheck> Dialogs { get; } =
    [
        new("users", "new user",
            page => page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync(),
            page => page.Keyboard.PressAsync("Escape")),
        new("user", "new order",
            page => page.GetByRole(AriaRole.Button, new() { Name = "New order" }).ClickAsync(),
            page => page.Keyboard.PressAsync("Escape")),
        new("orders", "export",
            page => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync(),
            page => page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync()),
        new("orders", "change status",
            page => page.GetByRole(AriaRole.Button, new() { Name = "Change status…" }).ClickAsync(),
            page => page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync()),
        new("order", "unsaved changes",
            async page =>
            {
                await page.GetByLabel("Quantity, line 1", new() { Exact = true }).FillAsync("9");
                await page.Locator(".mud-breadcrumbs").GetByRole(AriaRole.Link, new() { Name = "Tenants", Exact = true }).ClickAsync();
            },
            async page =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Stay" }).ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Undo changes" }).ClickAsync();
            }),
    ];
}
