// Tables whose columns do not fit scroll inside their own box (css/app.css). A box that scrolls has to be reachable
// from the keyboard to be scrolled without a mouse (WCAG 2.1.1), so it takes focus while, and only while, it
// overflows, as a named group ("Users of …, scrolls sideways") so a screen reader says what it is.
(() => {
    const boxes = '#main-content .mud-table-container';
    const marker = 'data-scroll-region';

    function update() {
        for (const box of document.querySelectorAll(boxes)) {
            const overflows = box.scrollWidth > box.clientWidth + 1;
            if (overflows && !box.hasAttribute(marker)) {
                const name = box.querySelector('caption')?.textContent.trim()
                    || box.closest('[aria-label]')?.getAttribute('aria-label') || 'Table';
                box.setAttribute(marker, '');
                box.setAttribute('tabindex', '0');
                box.setAttribute('role', 'group');
                box.setAttribute('aria-label', `${name}, scrolls sideways`);
            } else if (!overflows && box.hasAttribute(marker)) {
                for (const attribute of [marker, 'tabindex', 'role', 'aria-label']) box.removeAttribute(attribute);
            }
        }
    }

    let queued = false;
    function schedule() {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
            queued = false;
            update();
        });
    }

    new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
})();
