// "/" anywhere outside a text field focuses the app bar's jump box (the search field of GitHub, Gmail, ...).
document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    const typing = target instanceof HTMLElement
        && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (typing) return;
    const box = document.getElementById("jump-box");
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
});
