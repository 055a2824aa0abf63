using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Circuits.Bench.SignalR.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Dashboard.Circuits.Bench.SignalR.Protocol.LogicalDom;

namespace Dashboard.Circuits.Bench.SignalR;

/// <summary>
/// One signed-in agent's circuit, spoken to as blazor.web.js does but without a browser: GET the page, start a
/// circuit over /_blazor (WebSockets, "blazorpack") with the page's prerendered component markers, keep the page as
/// a logical tree by applying every render batch (and acknowledging it), answer the JS interop calls the page makes,
/// and send clicks and navigations the way the browser script would. What it does not do is what a browser adds on
/// top: no layout, no real DOM, no JS of the app or MudBlazor runs.
/// </summary>
internal sealed partial class CircuitAgent : IAsyncDisposable
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A mouse click's event args as the browser's event delegator sends them.</summary>
    private const string ClickArgs = """{"detail":1,"screenX":0,"screenY":0,"clientX":0,"clientY":0,"offsetX":0,"offsetY":0,"pageX":0,"pageY":0,"movementX":0,"movementY":0,"button":0,"buttons":0,"ctrlKey":false,"shiftKey":false,"altKey":false,"metaKey":false,"type":"click"}""";

    /// <summary>
    /// What the page's own JS answers in a light-mode browser with nothing stored, for the calls whose result the
    /// .NET side reads (a void call or an unknown one gets null).
    /// </summary>
    private static readonly Dictionary<string, string> PageAnswers = new()
    {
        ["window.hasOwnProperty"] = "true",          // MudBlazor checks that its script is loaded
        ["mudpopoverHelper.countProviders"] = "1",   // the layout's one popover provider
        ["dashboardTheme.systemDark"] = "false",     // the system prefers light (js/theme.js)
        ["localStorage.getItem"] = "null",           // no theme chosen yet (ThemePreference)
        ["mudElementRef.addOnBlurEvent"] = "null",
        ["mudElementRef.removeOnBlurEvent"] = "null",
    };

    private readonly Uri _app;
    private readonly HttpClient _http;
    private readonly ErrorLog _errors;
    private readonly HubConnection _hub;
    private readonly LogicalDom _dom = new();
    private readonly Lock _gate = new();
    private readonly List<string> _history = [];
    private int _historyIndex;
    private string? _circuitId;
    private long _interopObjectId = -1;
    private bool _locationChangingListeners;
    private long _lastBatchId = -1;
    private long _nextCallId;
    private int _nextLocationChangingId;
    private long _nextJsObjectId;
    private (Func<bool> Done, TaskCompletionSource<long> Rendered)? _waiting;
    private TaskCompletionSource<bool>? _locationChanging;
    private volatile bool _disposing;

    private CircuitAgent(Uri app, CookieContainer cookies, HttpClient http, ErrorLog errors)
    {
        (_app, _http, _errors) = (app, http, errors);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(app, "/_blazor"), HttpTransportType.WebSockets, o => o.Cookies = cookies);
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        _hub = builder.Build();
        // The server's calls, by name; their arguments arrive as plain objects (see BlazorPackProtocol).
        On("JS.AttachComponent", args => { lock (_gate) _dom.AttachRoot(Int(args[0])); return Task.CompletedTask; });
        On("JS.RenderBatch", args => OnRenderBatchAsync(Long(args[0]), (byte[])args[1]!));
        On("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        On("JS.EndInvokeDotNet", OnEndInvokeDotNet);
        On("JS.EndLocationChanging", args => { _locationChanging?.TrySetResult(args[1] is true); return Task.CompletedTask; });
        On("JS.Error", args => { Fail($"JS.Error: {args.FirstOrDefault()}"); return Task.CompletedTask; });
        On("JS.EndUpdateRootComponents", _ => Task.CompletedTask);
        On("JS.SavePersistedState", _ => Task.CompletedTask);
        On("JS.ReceiveByteArray", _ => { _errors.NoteOnce("JS.ReceiveByteArray: not supported by the SignalR agent"); return Task.CompletedTask; });
        _hub.Closed += e =>
        {
            if (!_disposing) Fail($"circuit connection closed: {e?.Message ?? "by the server"}");
            return Task.CompletedTask;
        };
    }

    public string Location => _history[_historyIndex];

    /// <summary>Loads <paramref name="page"/> (prerendered), starts its circuit and waits until it is interactive.</summary>
    public static async Task<CircuitAgent> OpenAsync(Uri app, CookieContainer cookies, HttpClient http, string page, ErrorLog errors)
    {
        var agent = new CircuitAgent(app, cookies, http, errors);
        try
        {
            await agent.StartAsync(new Uri(app, page).ToString());
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(string url)
    {
        _history.Add(url);
        var html = await _http.GetStringAsync(url);
        // The prerendered page marks each interactive root component with <!--Blazor:{...}-->; the end markers have
        // no "type". blazor.web.js starts the circuit with none, then adds them in their sequence order, numbered from 1.
        var operations = new JsonArray();
        var markers = ComponentMarker().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!)
            .Where(m => (string?)m["type"] == "server").OrderBy(m => (int)m["sequence"]!);
        foreach (var marker in markers)
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = operations.Count + 1, ["marker"] = marker });
        if (operations.Count == 0) throw new InvalidOperationException($"{url} has no interactive server component (signed out?)");
        var state = ComponentState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        await _hub.StartAsync();
        _circuitId = await _hub.InvokeAsync<string?>("StartCircuit", new Uri(_app, "/").ToString(), url, "[]", state)
            ?? throw new InvalidOperationException("the server did not start a circuit");
        // One batch of operations (blazor.web.js numbers its batches from 1; the server answers JS.EndUpdateRootComponents).
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = operations };
        await _hub.SendAsync("UpdateRootComponents", batch.ToJsonString(), state);
        await WaitForAsync(() => _dom.Elements().Any(e => e["id"] == "app-shell" && e["data-interactive"] == "true"), "the page to turn interactive");
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        string? error = null;
        lock (_gate)
        {
            if (batchId > _lastBatchId)
            {
                try
                {
                    _dom.Apply(new RenderBatchReader(data));
                    _lastBatchId = batchId;
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException or NullReferenceException)
                {
                    error = $"render batch {batchId} did not apply: {e.Message}";
                }
                if (_waiting is { } w && w.Done())
                {
                    _waiting = null;
                    w.Rendered.TrySetResult(Stopwatch.GetTimestamp());
                }
            }
        }
        if (error is not null) Fail(error);
        await _hub.SendAsync("OnRenderCompleted", batchId, error);
    }

    private async Task OnBeginInvokeJSAsync(object?[] call)
    {
        var (handle, identifier) = (Long(call[0]), (string)call[1]!);
        var args = call.Length > 2 && call[2] is string json ? JsonNode.Parse(json) as JsonArray : null;
        var resultType = call.Length > 3 ? Int(call[3]) : 0;
        var result = "null";
        switch (identifier)
        {
            case "Blazor._internal.attachWebRendererInterop":
                // The renderer's .NET object: browser events go to its DispatchEventAsync.
                _interopObjectId = (long)args![1]!["__dotNetObject"]!;
                break;
            case "Blazor._internal.navigationManager.setHasLocationChangingListeners":
                _locationChangingListeners = (bool)args![1]!;
                break;
            case "Blazor._internal.navigationManager.navigateTo":
                await NavigateFromDotNetAsync((string)args![0]!, args[1] as JsonObject);
                break;
            case var known when PageAnswers.TryGetValue(known, out var answer):
                result = answer;
                break;
            case "Blazor._internal.navigationManager.enableNavigationInterception":
            case "Blazor._internal.navigationManager.listenForNavigationEvents":
            case "Blazor._internal.PageTitle.getAndRemoveExistingTitle":
            case "Blazor._internal.domWrapper.focus":
            case "Blazor._internal.domWrapper.focusBySelector":
                break;
            default:
                _errors.NoteOnce($"JS call '{identifier}' answered with {(resultType == 1 ? "a JS object reference" : "null")} (the SignalR agent runs no page JS)");
                break;
        }
        // A JSObjectReference result (e.g. a module import) must be an object id, or the .NET side cannot bind it.
        if (resultType == 1) result = $$"""{"__jsObjectId":{{Interlocked.Increment(ref _nextJsObjectId)}}}""";
        if (handle != 0) await _hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
    }

    private Task OnEndInvokeDotNet(object?[] args)
    {
        // (callId, succeeded, result or error); older servers sent one JSON array of the same three.
        var values = args.Length == 1 && args[0] is string json ? JsonSerializer.Deserialize<JsonElement[]>(json)!.Select(e => (object?)e.ToString()).ToArray() : args;
        if (values.Length > 1 && values[1] is false or "False" or "false") Fail($"a .NET call from the page failed: {values.ElementAtOrDefault(2)}");
        return Task.CompletedTask;
    }

    /// <summary>NavigationManager.NavigateTo on the server: the browser pushes (or replaces) the entry and reports the new location.</summary>
    private async Task NavigateFromDotNetAsync(string uri, JsonObject? options)
    {
        var absolute = new Uri(new Uri(Location), uri).ToString();
        if (options?["forceLoad"] is JsonValue force && (bool)force)
        {
            Fail($"a forced page load to {absolute}, which the SignalR agent does not follow");
            return;
        }
        PushOrReplace(absolute, options?["replaceHistoryEntry"] is JsonValue replace && (bool)replace);
        await _hub.SendAsync("OnLocationChanged", absolute, (string?)options?["historyEntryState"], false);
    }

    private void PushOrReplace(string uri, bool replace)
    {
        lock (_gate)
        {
            if (replace)
            {
                _history[_historyIndex] = uri;
                return;
            }
            _history.RemoveRange(_historyIndex + 1, _history.Count - _historyIndex - 1);
            _history.Add(uri);
            _historyIndex++;
        }
    }

    /// <summary>The page's "Page n · m rows" line, as the Chromium agent finds it (a p, span or div with no element children).</summary>
    public string? PagerText()
    {
        lock (_gate)
        {
            return _dom.Elements()
                .Where(e => e.Name is "p" or "span" or "div" && !e.HasElementChildren())
                .Select(e => e.TextContent().Trim())
                .FirstOrDefault(t => PagerLine().IsMatch(t));
        }
    }

    /// <summary>The user's orders are shown: a table of rows under [aria-label^="Orders of"].</summary>
    private bool OrdersShown() => _dom.Elements().Any(e =>
        e["aria-label"]?.StartsWith("Orders of", StringComparison.Ordinal) == true &&
        e.Descendants().Any(b => b.Name == "tbody" && b.Descendants().Any(r => r.Name == "tr")));

    /// <summary>Clicks the enabled button with this text; null when there is none. Timed until the pager line changes.</summary>
    public async Task<Click?> ClickButtonAsync(string text)
    {
        Node? button;
        string? before, firstRowBefore;
        lock (_gate)
        {
            firstRowBefore = FirstEmail();
            button = _dom.Elements().FirstOrDefault(e => e.Name == "button" && !e.Attributes.ContainsKey("disabled") &&
                string.Equals(e.TextContent().Trim(), text, StringComparison.OrdinalIgnoreCase));
            before = PagerText();
        }
        if (button is null) return null;
        string? firstRowAfter = null;
        var ms = await TimeAsync(() =>
        {
            if (PagerText() == before) return false;
            firstRowAfter = FirstEmail(); // in the same render as the pager line: shows whether the rows came with it
            return true;
        }, () => ClickAsync(button), $"'{text}' to change the pager");
        return new Click(ms, $"{before}\" (first row {firstRowBefore})", $"{PagerText()}\" (first row {firstRowAfter})");
    }

    private string? FirstEmail() =>
        _dom.Elements().Where(e => e.Name == "td" && e["data-label"] == "Email").Select(e => e.TextContent().Trim()).FirstOrDefault();

    /// <summary>Clicks the first user's email link; timed until their orders are shown.</summary>
    public async Task<Click?> OpenFirstUserAsync()
    {
        Node? link;
        lock (_gate) link = _dom.Elements().Where(e => e.Name == "td" && e["data-label"] == "Email").SelectMany(e => e.Descendants()).FirstOrDefault(e => e.Name == "a");
        if (link is null) return null;
        var ms = await TimeAsync(OrdersShown, () => ClickAsync(link), "a user's orders to show");
        return new Click(ms, null, null);
    }

    /// <summary>
    /// The browser's back button. With an interactive router, blazor.web.js handles popstate in the same circuit (it
    /// reports the location, as for a link), so this is a navigation in the circuit, not a page load. Not timed, and
    /// like the Chromium agent's it does not wait for a page.
    /// </summary>
    public async Task BackAsync()
    {
        string uri;
        lock (_gate)
        {
            if (_historyIndex == 0) return;
            uri = _history[_historyIndex - 1];
        }
        if (_locationChangingListeners && !await LocationChangingAsync(uri, intercepted: false)) return;
        lock (_gate) _historyIndex--;
        await _hub.SendAsync("OnLocationChanged", uri, null, true);
    }

    /// <summary>Back until the start page (a pager, no orders) shows, so memory is measured with the agent there.</summary>
    public async Task BackToStartPageAsync()
    {
        for (var i = 0; i < 3 && !IsOnStartPage(); i++)
        {
            await BackAsync();
            try
            {
                await WaitForAsync(IsOnStartPage, "the start page", TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
                // Still on the user's page (a history entry more than expected): back once more.
            }
        }
        await WaitForAsync(IsOnStartPage, "the start page to show again");
    }

    public bool IsOnStartPage()
    {
        lock (_gate) return !OrdersShown() && PagerText() is not null;
    }

    /// <summary>
    /// A click as the browser's event delegator sends it: to every element from the target up that listens for
    /// clicks (not disabled form controls; stopping where propagation is stopped), then, if the click was on an
    /// internal link, the navigation blazor.web.js intercepts: location changing (when the app listens), the new
    /// history entry, location changed.
    /// </summary>
    private async Task ClickAsync(Node target)
    {
        var handlers = new List<ulong>();
        string? href = null;
        var preventDefault = false;
        lock (_gate)
        {
            for (var e = target; e is not null; e = e.ParentElement())
            {
                href ??= e.Name == "a" ? e["href"] : null;
                preventDefault |= e.Attributes.ContainsKey("__internal_preventDefault_onclick");
                var disabled = e.Name is "button" or "input" or "select" or "textarea" && e.Attributes.ContainsKey("disabled");
                if (!disabled && e.Handlers.TryGetValue("click", out var id)) handlers.Add(id);
                if (e.Attributes.ContainsKey("__internal_stopPropagation_onclick")) break;
            }
        }
        if (handlers.Count > 0 && _interopObjectId < 0) throw new InvalidOperationException("the renderer's interop object is not known yet");
        foreach (var id in handlers)
        {
            var descriptor = $$"""{"eventHandlerId":{{id}},"eventName":"click","eventFieldInfo":null}""";
            await _hub.SendAsync("BeginInvokeDotNetFromJS", Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture),
                null, "DispatchEventAsync", _interopObjectId, $"[{descriptor},{ClickArgs}]");
        }
        if (href is null || preventDefault) return;
        var uri = new Uri(new Uri(Location), href).ToString();
        if (!uri.StartsWith(new Uri(_app, "/").ToString(), StringComparison.Ordinal)) return;
        if (_locationChangingListeners && !await LocationChangingAsync(uri, intercepted: true)) return;
        PushOrReplace(uri, replace: false);
        await _hub.SendAsync("OnLocationChanged", uri, null, true);
    }

    private async Task<bool> LocationChangingAsync(string uri, bool intercepted)
    {
        var id = Interlocked.Increment(ref _nextLocationChangingId);
        _locationChanging = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _hub.SendAsync("OnLocationChanging", id, uri, null, intercepted);
        return await _locationChanging.Task.WaitAsync(RenderTimeout);
    }

    /// <summary>Runs <paramref name="act"/> and returns the ms until a render batch made <paramref name="done"/> true.</summary>
    private async Task<double> TimeAsync(Func<bool> done, Func<Task> act, string what)
    {
        var rendered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _waiting = (done, rendered);
        var start = Stopwatch.GetTimestamp();
        await act();
        try
        {
            return Stopwatch.GetElapsedTime(start, await rendered.Task.WaitAsync(RenderTimeout)).TotalMilliseconds;
        }
        catch (TimeoutException)
        {
            lock (_gate) _waiting = null;
            throw new TimeoutException($"no render within {RenderTimeout.TotalSeconds:0} s for {what}");
        }
    }

    private async Task WaitForAsync(Func<bool> done, string what, TimeSpan? timeout = null)
    {
        var rendered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (done()) return;
            _waiting = (done, rendered);
        }
        try
        {
            await rendered.Task.WaitAsync(timeout ?? RenderTimeout);
        }
        catch (TimeoutException)
        {
            lock (_gate) _waiting = null;
            throw new TimeoutException($"no render within {(timeout ?? RenderTimeout).TotalSeconds:0} s for {what}");
        }
    }

    private void Fail(string error)
    {
        _errors.Add(error);
        // Whoever waits for a render on this circuit would only time out.
        (Func<bool>, TaskCompletionSource<long> Rendered)? waiting;
        lock (_gate) (waiting, _waiting) = (_waiting, null);
        waiting?.Rendered.TrySetException(new InvalidOperationException(error));
    }

    private void On(string name, Func<object?[], Task> handler) => _hub.On(name, Type.EmptyTypes, (args, _) => handler(args), this);

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static int Int(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    /// <summary>Ends the circuit as a closing tab does: the connection closes and the server is told to drop it now.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        try
        {
            await _hub.DisposeAsync();
            if (_circuitId is not null)
            {
                using var _ = await _http.PostAsync(new Uri(_app, "/_blazor/disconnect"),
                    new FormUrlEncodedContent([new("circuitId", _circuitId)]));
            }
        }
        catch (HttpRequestException)
        {
        }
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ComponentState();

    [GeneratedRegex(@"^Page \d+ ·")]
    private static partial Regex PagerLine();
}

/// <summary>A timed click: ms from sending it to the render that shows its result; the pager line before and after.</summary>
internal readonly record struct Click(double Ms, string? Before, string? After);
