# MariaDB 10.11 from Debian: the local stand-in for PlanetScale (stack.sh) and the server the PlanetScale
# contract tests start for themselves. Only the binaries are used; the system service is never started.
ensure_mariadb() {
  if command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ]; then return 0; fi
  apt_install mariadb-server
}
ENSURE+=(ensure_mariadb)
