# What the cluster's parts (scripts/cluster.d/) share: ports, folders, and the secrets made at first start.
# Sourced by scripts/cluster.sh after lib/common.sh. Everything lives under .stack/cluster (DASHBOARD_STACK_DIR moves it).
CLUSTER_DIR="$STACK_DIR/cluster"
read -r -a CLUSTER_APP_PORTS <<<"${CLUSTER_APP_PORTS:-5081 5082}"
CLUSTER_HTTPS_PORT=${CLUSTER_HTTPS_PORT:-5443}
CLUSTER_HTTP_PORT=${CLUSTER_HTTP_PORT:-5088}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}

CLUSTER_TLS_CERT="$CLUSTER_DIR/tls/cert.pem"
CLUSTER_TLS_KEY="$CLUSTER_DIR/tls/key.pem"
# The bearer token Prometheus scrapes /metrics with (Auth:Metrics:ScrapeToken of every instance).
CLUSTER_SCRAPE_TOKEN_FILE="$CLUSTER_DIR/secrets/scrape-token"
# The certificate every instance encrypts the shared key ring with (DataProtection:Certificate), and its password.
CLUSTER_KEY_RING_PFX="$CLUSTER_DIR/secrets/key-ring.pfx"
CLUSTER_KEY_RING_PASSWORD_FILE="$CLUSTER_DIR/secrets/key-ring.password"

# instance_name N : the instance's name, as its events and Prometheus's instance label show it.
instance_name() { echo "dashboard-$1"; }

# cluster_secrets : makes whatever is missing: nginx's self-signed TLS certificate (localhost and 127.0.0.1), the
# scrape token, and the key-ring certificate. Files are readable by their owner only.
cluster_secrets() {
  mkdir -p "$CLUSTER_DIR/tls" "$CLUSTER_DIR/secrets"
  (
    umask 077
    if [ ! -s "$CLUSTER_TLS_CERT" ] || [ ! -s "$CLUSTER_TLS_KEY" ]; then
      say "cluster: making a self-signed TLS certificate for 127.0.0.1 and localhost ($CLUSTER_TLS_CERT)"
      openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -addext "extendedKeyUsage=serverAuth" \
        -keyout "$CLUSTER_TLS_KEY" -out "$CLUSTER_TLS_CERT" 2>/dev/null || die "openssl could not make the TLS certificate"
    fi
    [ -s "$CLUSTER_SCRAPE_TOKEN_FILE" ] || openssl rand -hex 32 >"$CLUSTER_SCRAPE_TOKEN_FILE"
    if [ ! -s "$CLUSTER_KEY_RING_PFX" ]; then
      local tmp; tmp=$(mktemp -d)
      openssl rand -hex 24 >"$CLUSTER_KEY_RING_PASSWORD_FILE"
      openssl req -x509 -newkey rsa:3072 -nodes -days 1825 -subj "/CN=Serverless Admin key ring (local cluster)" \
        -addext "keyUsage=critical,keyEncipherment,dataEncipherment" -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null \
        && openssl pkcs12 -export -inkey "$tmp/key.pem" -in "$tmp/cert.pem" -out "$CLUSTER_KEY_RING_PFX" \
          -passout "file:$CLUSTER_KEY_RING_PASSWORD_FILE" 2>/dev/null
      local rc=$?
      rm -rf "$tmp"
      [ $rc = 0 ] || die "openssl could not make the key-ring certificate"
    fi
  )
}
