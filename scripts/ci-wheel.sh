#!/usr/bin/env bash
# CI: the path an editor takes. Build the sdist and the wheel, install the wheel
# into a fresh virtual environment in a temporary folder outside the repository,
# and from there: editdesk --version, editdesk engine install (Java only: the
# jars come from the locks, already in the per-user cache after set-up, so this
# verifies their hashes and downloads nothing), editdesk doctor, editdesk check
# on the sample bundled in the wheel with a private LanguageTool server, the
# menu entry into a temporary XDG folder, and the window under Xvfb (screenshot,
# then SIGTERM and a clean exit). Needs `make setup` first (it uses .venv's
# python -m build and pip's cache).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/editdesk-ci-wheel.XXXXXX")
GUI_PID=""
cleanup() {
  [ -n "$GUI_PID" ] && kill "$GUI_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
say() { echo "ci-wheel: $*"; }
started=$SECONDS

say "building sdist and wheel into $WORK/dist"
.venv/bin/python -m build --sdist --wheel --outdir "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 \
  || { tail -30 "$WORK/build.log"; exit 1; }
wheel=$(ls "$WORK"/dist/editdesk-*.whl)
sdist=$(ls "$WORK"/dist/editdesk-*.tar.gz)
say "built $(basename "$wheel") and $(basename "$sdist")"
# What the installed app needs at run time must be inside the wheel.
python3 - "$wheel" <<'EOF'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = [
    "editdesk/resources/sample-article.md",
    "editdesk/resources/house-style/default.toml",
    "editdesk/resources/icons/org.editdesk.EditDesk.svg",
    "editdesk/resources/languagetool-lock.json",
    "editdesk/resources/corenlp-lock.json",
    "editdesk/resources/desktop/org.editdesk.EditDesk.desktop",
    "editdesk/resources/desktop/org.editdesk.EditDesk.metainfo.xml",
]
missing = [n for n in need if n not in names]
if missing:
    sys.exit(f"ci-wheel: the wheel lacks {missing}")
EOF

say "installing the wheel into a fresh venv in $WORK/venv"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q "$wheel"
BIN=$WORK/venv/bin
# Run from a folder outside the repository, so nothing can come from the checkout.
cd "$WORK"
export XDG_DATA_HOME=$WORK/share EDITDESK_CONFIG_DIR=$WORK/config EDITDESK_STATE_DIR=$WORK/state
"$BIN/python" - <<'EOF'
import editdesk, editdesk.core.paths as p
assert "/venv/" in editdesk.__file__, editdesk.__file__
assert "/venv/" in str(p.resource_dir()), p.resource_dir()
EOF

"$BIN/editdesk" --version
say "engine install (from the wheel's locks; Java is the only requirement)"
# PATH holds Java and nothing else: no mvn, no curl.
env PATH="$(dirname "$(readlink -f "$(command -v java)")")" "$BIN/editdesk" engine install
say "doctor"
"$BIN/editdesk" doctor
"$BIN/editdesk" doctor --format json >"$WORK/doctor.json"

say "check the bundled sample with a private server"
sample=$("$BIN/python" -c 'from editdesk.core import paths; print(paths.resource("sample-article.md"))')
set +e
"$BIN/editdesk" check --no-cache --format json "$sample" >"$WORK/check.json"
code=$?
set -e
# 0 or 1 (findings at or above --fail-on); anything else is a failure.
[ "$code" -le 1 ] || { say "editdesk check exited $code"; exit 1; }
"$BIN/python" - "$WORK/check.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
files = report["files"]
findings = [f for file in files for f in file["findings"]]
lt = [f for f in findings if f["id"].startswith("lt:")]
assert lt, "no LanguageTool findings: the private server did not check"
print(f"ci-wheel: {len(findings)} findings on the sample, {len(lt)} from LanguageTool")
EOF

say "desktop entry into $XDG_DATA_HOME"
"$BIN/editdesk" desktop install >/dev/null
grep -qx "Exec=$BIN/editdesk-gui %f" "$XDG_DATA_HOME/applications/org.editdesk.EditDesk.desktop"

say "the window under Xvfb"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  "$1/editdesk-gui" "$2" >"$3/gui.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    if xwininfo -root -tree | grep -q "EditDesk"; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "ci-wheel: the app exited early"; cat "$3/gui.log"; exit 1; }
    sleep 0.5
  done
  xwininfo -root -tree | grep -q "EditDesk" || { echo "ci-wheel: no window"; exit 1; }
  sleep 3
  import -window root "$3/window.png"
  colours=$(identify -format "%k" "$3/window.png")
  [ "$colours" -gt 50 ] || { echo "ci-wheel: the screenshot is blank ($colours colours)"; exit 1; }
  echo "ci-wheel: window screenshot: $colours colours"
  kill -TERM "$pid"
  status=0; wait "$pid" || status=$?
  [ "$status" -eq 0 ] || { echo "ci-wheel: the app exited $status on SIGTERM"; cat "$3/gui.log"; exit 1; }
' _ "$BIN" "$sample" "$WORK"

say "desktop uninstall"
"$BIN/editdesk" desktop uninstall >/dev/null
[ ! -e "$XDG_DATA_HOME/applications/org.editdesk.EditDesk.desktop" ]
if [ -n "${CI_WHEEL_KEEP:-}" ]; then
  mkdir -p "$CI_WHEEL_KEEP" && cp "$WORK/window.png" "$WORK/doctor.json" "$CI_WHEEL_KEEP/"
fi
say "ok in $((SECONDS - started)) s"
