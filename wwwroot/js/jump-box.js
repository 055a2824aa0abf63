// "/" anywhere outside a text field focuses the app bar's jump box (the search field of GitHub, Gmail, ...).
// Listening in the capture phase, and stopping the key there, keeps it from the focused control too: a select
// that has focus would otherwise take "/" as a choice.
document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    const typing = target instanceof HTMLElement
        && (target.isContentEditable || ["INPUT", "TEXTAREA"].includes(target.tagName) && !target.readOnly);
    if (typing) return;
    const box = document.getElementById("jump-box");
    if (!box) return;
    e.preventDefault();
    e.stopPropagation();
    box.focus();
    box.select();
}, true);
