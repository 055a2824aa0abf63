// Drives the reconnect dialog (Components/Layout/ReconnectModal.razor). Blazor sets a state class on the
// dialog and raises "components-reconnect-state-changed"; this opens and closes it and wires its buttons.
const dialog = document.getElementById("components-reconnect-modal");

if (dialog) {
    dialog.addEventListener("components-reconnect-state-changed", event => onStateChanged(event.detail));
    document.getElementById("components-reconnect-button")?.addEventListener("click", reconnect);
    document.getElementById("components-resume-button")?.addEventListener("click", resume);
    document.getElementById("reconnect-reload-button")?.addEventListener("click", () => location.reload());
    // The dialog's own cancel (Escape) would hide it while the page still cannot talk to the server.
    dialog.addEventListener("cancel", event => event.preventDefault());
}

function onStateChanged(detail) {
    switch (detail.state) {
        case "show":
        case "paused":
            open();
            break;
        case "hide":
            dialog.close();
            break;
        case "failed":
            open();
            // Try again by itself when the person comes back to the tab.
            document.addEventListener("visibilitychange", reconnectWhenVisible);
            break;
        case "rejected":
            // The server no longer knows this session: only a fresh page can continue.
            location.reload();
            break;
        case "resume-failed":
            if (detail.remote) location.reload();
            else open();
            break;
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
        else location.reload();
    } catch {
        // Still unreachable: wait for the next visit to the tab (or a click).
        document.addEventListener("visibilitychange", reconnectWhenVisible);
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) location.reload();
    } catch {
        location.reload();
    }
}

function reconnectWhenVisible() {
    if (document.visibilityState === "visible") reconnect();
}
