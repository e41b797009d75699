#!/usr/bin/env bash
# Check the bundled sample, then open it in the app (under Xvfb when there is no display).
set -uo pipefail
cd "$(dirname "$0")/.."
sample=resources/sample-article.md
.venv/bin/editdesk check "$sample"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/editdesk gui "$sample"
else
  echo "run: no display; to see the window here: xvfb-run -a .venv/bin/editdesk gui $sample"
fi
