// Drives the reconnect dialog (Components/Layout/ReconnectModal.razor). Blazor sets a state class on the
// dialog and raises "components-reconnect-state-changed"; this opens and closes it and wires its buttons.
// When the server that held this page's circuit is gone (the reconnection reached another instance, which does
// not know the circuit), the page is opened again there, and the notice says so and lists the unsaved edits lost
// (UnsavedChangesGuard marks them).
const dialog = document.getElementById("components-reconnect-modal");
const movedNotice = document.getElementById("circuit-moved-notice");
const movedKey = "dashboard.circuit-moved";
// A notice older than this belongs to an earlier visit, not to the reload it was written for.
const movedNoticeMaxAgeMs = 5 * 60 * 1000;
let reloadingForNewCircuit = false;

if (dialog) {
    dialog.addEventListener("components-reconnect-state-changed", event => onStateChanged(event.detail));
    document.getElementById("components-reconnect-button")?.addEventListener("click", reconnect);
    document.getElementById("components-resume-button")?.addEventListener("click", resume);
    document.getElementById("reconnect-reload-button")?.addEventListener("click", () => location.reload());
    // The dialog's own cancel (Escape) would hide it while the page still cannot talk to the server.
    dialog.addEventListener("cancel", event => event.preventDefault());
    // Registered before any page's NavigationLock: once the circuit is gone, its "leave the page?" prompt would only
    // stand between the person and the notice that says plainly what was lost.
    window.addEventListener("beforeunload", event => { if (reloadingForNewCircuit) event.stopImmediatePropagation(); });
}
if (movedNotice) showMovedNotice();

function onStateChanged(detail) {
    switch (detail.state) {
        case "show":
        case "paused":
            open();
            break;
        case "hide":
            dialog.close();
            break;
        case "retrying":
            leaveIfSignedOut();
            break;
        case "failed":
            open();
            leaveIfSignedOut();
            // Try again by itself when the person comes back to the tab.
            document.addEventListener("visibilitychange", reconnectWhenVisible);
            break;
        case "rejected":
            // The server no longer knows this session (it is another server, or this one restarted): only a
            // fresh page can continue.
            reloadOnNewCircuit();
            break;
        case "resume-failed":
            if (detail.remote) reloadOnNewCircuit();
            else open();
            break;
    }
}

// A reconnection is refused once the session is over (signed out in another tab, revoked, expired), and the
// circuit's own redirect could not reach a disconnected tab: ask the server, and go to the sign-in page.
let askingSession = false;
async function leaveIfSignedOut() {
    if (askingSession) return;
    askingSession = true;
    try {
        const answer = await fetch("/session", { cache: "no-store", headers: { accept: "application/json" } });
        if (answer.status !== 401) return;
        reloadingForNewCircuit = true;
        location.href = "/login?returnUrl=" + encodeURIComponent(location.pathname + location.search);
    } catch {
        // The server is unreachable: that is what the dialog already says.
    } finally {
        askingSession = false;
    }
}

function open() {
    if (!dialog.open) dialog.showModal();
}

async function reconnect() {
    document.removeEventListener("visibilitychange", reconnectWhenVisible);
    try {
        // true: back on the same session; false: the server answered but dropped the session.
        if (await Blazor.reconnect()) return;
        if (await Blazor.resumeCircuit()) dialog.close();
        else reloadOnNewCircuit();
    } catch {
        // Still unreachable, or refused for good: wait for the next visit to the tab (or a click).
        leaveIfSignedOut();
        document.addEventListener("visibilitychange", reconnectWhenVisible);
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) reloadOnNewCircuit();
    } catch {
        reloadOnNewCircuit();
    }
}

function reconnectWhenVisible() {
    if (document.visibilityState === "visible") reconnect();
}

/// Reloads this URL (the sign-in cookie is valid on every instance), leaving a note for the reloaded page: when
/// it happened and, from the mark UnsavedChangesGuard leaves, which edits had not been saved.
function reloadOnNewCircuit() {
    const marker = document.querySelector("[data-unsaved-edits]");
    try {
        sessionStorage.setItem(movedKey, JSON.stringify({
            url: location.href,
            at: Date.now(),
            what: marker?.dataset.unsavedEdits ?? null,
            summary: marker?.dataset.unsavedSummary ?? null,
        }));
    } catch {
        // Storage refused (private mode, full): the page still reloads; only the notice is missing.
    }
    reloadingForNewCircuit = true;
    location.reload();
}

function showMovedNotice() {
    let note = null;
    try {
        note = JSON.parse(sessionStorage.getItem(movedKey) ?? "null");
        sessionStorage.removeItem(movedKey);
    } catch {
        return;
    }
    if (!note || note.url !== location.href || !(Date.now() - note.at < movedNoticeMaxAgeMs)) return;
    document.getElementById("circuit-moved-at").textContent = " at " + new Date(note.at).toLocaleTimeString();
    const lost = movedNotice.querySelector(".circuit-moved-lost");
    if (note.what) {
        document.getElementById("circuit-moved-what").textContent = note.what;
        document.getElementById("circuit-moved-summary").textContent = note.summary || "the values on the form";
        lost.hidden = false;
    } else {
        movedNotice.querySelector(".circuit-moved-nothing-lost").hidden = false;
    }
    document.getElementById("circuit-moved-ok").addEventListener("click", () => movedNotice.close());
    movedNotice.showModal();
}
