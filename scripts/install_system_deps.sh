#!/usr/bin/env bash
# Installs what WeasyPrint (Pango, fonts), the PDF checks (poppler) and the translations
# (gettext) need from
# Debian's packages (WITH_BROWSER=1: Chromium, and Node.js with npm for axe-core, too;
# WITH_LOADTEST=1: wrk; WITH_LIGHTHOUSE=1: nginx, which serves media in front of
# gunicorn as deploy/nginx.conf does), only where they are missing. Without root or apt-get it stops
# with the exact list to install instead of guessing.
set -euo pipefail

# fonts-noto-core has Noto Sans Arabic and Noto Naskh Arabic (the Arabic PDF); gettext's
# msgfmt compiles the translations (make install runs compilemessages).
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core poppler-utils gettext)
if [[ "${WITH_BROWSER:-0}" == "1" ]]; then
    packages+=(chromium)
    # Any Node.js with npm will do (18 or later); Debian's only where there is none.
    if ! command -v npm >/dev/null 2>&1; then
        packages+=(nodejs npm)
    fi
fi
if [[ "${WITH_LIGHTHOUSE:-0}" == "1" ]]; then
    packages+=(nginx-light)  # benchmarks/lighthouse/run.sh
fi
if [[ "${WITH_LOADTEST:-0}" == "1" ]]; then
    packages+=(wrk)  # the load and fault scripts in loadtest/
fi

missing=()
for pkg in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "==> System packages present: ${packages[*]}"
    exit 0
fi

echo "==> Installing missing system packages: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "ERROR: apt-get not found. Install these packages (or your system's equivalents): ${missing[*]}" >&2
    exit 1
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo"
    else
        echo "ERROR: root is needed to install: ${missing[*]}" >&2
        echo "Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "==> Installed: ${missing[*]}"
