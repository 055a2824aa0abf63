# Debian's Chromium for the Playwright suite (Playwright never downloads a browser here).
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}
ENSURE+=(ensure_chromium)
