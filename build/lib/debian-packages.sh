# Sourced by build/test.sh and build/bench.sh: installs the Debian packages given as arguments
# when they are missing (apt-get update only then). Recommends are skipped: they pull a desktop.
ensure_debian_packages() {
  local missing=() package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    printf '==> Debian packages present: %s\n' "$*"
    return 0
  fi

  printf '==> Installing missing Debian packages: %s\n' "${missing[*]}"
  local sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo_cmd=(sudo -n)
    else
      echo "error: packages missing (${missing[*]}) and not root; install them first." >&2
      return 1
    fi
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
