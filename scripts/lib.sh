# Shared helpers for the scripts: messages, and installing what is missing when we may.

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { printf 'kiemdiem: %s\n' "$*" >&2; exit 1; }

# apt_install PKG... : installs Debian packages when root; otherwise names them and stops.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    if [ -z "${KIEMDIEM_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
      export KIEMDIEM_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
      || die "apt-get install $* failed"
  else
    die "missing: $*. Install it (Debian: sudo apt-get install $*) and run again."
  fi
}

# need_disk GB: the build and tests write about this much under target/; stop with a clear
# message rather than let the linker die half-way ("No space left on device").
need_disk() {
  local free_gb
  free_gb=$(df -Pk . | awk 'NR==2 {print int($4 / 1048576)}')
  [ "$free_gb" -ge "$1" ] \
    || die "missing: disk space. ${free_gb} GB free here, about $1 GB needed for target/ (cargo clean in other checkouts frees it)."
}

need_rust() {
  command -v cargo >/dev/null || die "missing: Rust (cargo). Install it with rustup (https://rustup.rs) and run again."
}

need_node() {
  command -v node >/dev/null && command -v npm >/dev/null \
    || die "missing: Node.js 20 and npm. Install Node.js 20 (see frontend/.nvmrc) and run again."
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js $(node --version) is too old: Node.js 20 is needed (frontend/.nvmrc)."
}

# The system libraries the release binary links (libpq, libsqlite3).
need_native_libs() {
  local missing=()
  ldconfig -p 2>/dev/null | grep -q 'libpq.so' || missing+=(libpq-dev)
  ldconfig -p 2>/dev/null | grep -q 'libsqlite3.so' || missing+=(libsqlite3-dev)
  [ "${#missing[@]}" = 0 ] || apt_install "${missing[@]}"
}

chromium_path() {
  for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -n "$c" ] && [ -x "$c" ] && { echo "$c"; return 0; }
  done
  return 1
}

need_chromium() {
  chromium_path >/dev/null || apt_install chromium
  chromium_path >/dev/null || die "missing: chromium (Debian package 'chromium') for the end-to-end tests."
}
