#!/usr/bin/env bash
# Set up a Keras Clinic checkout on Debian/Ubuntu: system packages, then .venv.
#
# Usage: scripts/setup.sh [EXTRA]   (EXTRA: instructor | dev; default dev)
# Idempotent: installs only what is missing, and reinstalls the Python packages only
# when pyproject.toml changed. Other scripts `source` it and then use .venv/bin.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTRA="${1:-dev}"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: these Debian packages are needed but apt-get is not available: $*" >&2
    echo "Install them with your system's package manager, then run this again." >&2
    exit 1
  fi
  say "Installing Debian packages: $*"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
}

install_debian_packages() {
  local wanted missing=()
  mapfile -t wanted < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$ROOT/debian-packages.txt")
  for package in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
}

check_python() {
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "error: $PYTHON not found; Keras Clinic needs Python 3.10 to 3.12 (set PYTHON=...)." >&2
    exit 1
  fi
  if ! "$PYTHON" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))'; then
    echo "error: $PYTHON is $("$PYTHON" --version 2>&1); Keras Clinic needs 3.10 to 3.12." >&2
    echo "Point PYTHON at a supported interpreter, e.g. PYTHON=python3.11 $0" >&2
    exit 1
  fi
}

create_venv() {
  if [ -x "$ROOT/.venv/bin/python" ]; then return; fi
  say "Creating the virtual environment in .venv"
  if ! "$PYTHON" -m venv "$ROOT/.venv" 2>/dev/null; then
    # Debian's own Python ships venv in a separate package.
    rm -rf "$ROOT/.venv"
    local version
    version="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    apt_install "python${version}-venv"
    "$PYTHON" -m venv "$ROOT/.venv"
  fi
}

install_python_packages() {
  local stamp="$ROOT/.venv/.keras-clinic-installed"
  local wanted
  wanted="$EXTRA $(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then return; fi
  say "Installing keras-clinic[$EXTRA] and its dependencies into .venv"
  "$ROOT/.venv/bin/python" -m pip install --quiet --upgrade pip
  "$ROOT/.venv/bin/python" -m pip install --quiet -e "$ROOT[$EXTRA]"
  echo "$wanted" > "$stamp"
}

install_debian_packages
check_python
create_venv
install_python_packages
export PATH="$ROOT/.venv/bin:$PATH"
