#!/usr/bin/env bash
# Set EditDesk up on a Debian machine: system packages, the .venv, the
# engines' jars (LanguageTool and CoreNLP). Idempotent; the second run only checks and returns.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  default-jre-headless                  # LanguageTool and CoreNLP servers (Java 17+)
  pandoc libreoffice-writer-nogui       # real DOCX clients the tests read exports with
  python3-uno                           # LibreOffice's own Accept All / Reject All in them
  xvfb xauth imagemagick                # a real window without a display, screenshots
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  appstream desktop-file-utils          # validate the .desktop file and metainfo
  fonts-noto-color-emoji                # emoji in the window and in screenshots
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A JDK from elsewhere (java 17+ on PATH) is as good as Debian's.
if command -v java >/dev/null && java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'; then
  missing=("${missing[@]/default-jre-headless}")
fi
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | grep -v '^$' || true)
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
stamp=.venv/.editdesk-deps
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  echo "$want" > "$stamp"
fi

.venv/bin/editdesk engine install
# The ECMA-376 schemas the export tests validate every written part against.
.venv/bin/python scripts/fetch-ooxml-schemas.py
