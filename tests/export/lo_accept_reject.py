"""LibreOffice's own Accept All and Reject All (Edit > Track Changes), headless.

Run by ``libreoffice_views.py`` under the system Python, which has LibreOffice's
``uno`` module (python3-uno), not the project's:

    python3 lo_accept_reject.py SOFFICE_BIN PROFILE_DIR OUT_DIR FILE.docx...

For each file it writes OUT_DIR/<stem>.accept.txt and OUT_DIR/<stem>.reject.txt:
the document after LibreOffice accepted (rejected) every change, saved by its
"Text (encoded)" filter as UTF-8.
"""

import contextlib
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno  # noqa: F401 - loads the bridge, which makes com.sun.star importable
from com.sun.star.beans import PropertyValue

COMMANDS = (("accept", ".uno:AcceptAllTrackedChanges"), ("reject", ".uno:RejectAllTrackedChanges"))


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(proc, pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 180
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - NoConnectException until it listens
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("LibreOffice did not answer") from None
            time.sleep(0.5)


def main(soffice, profile, out_dir, files):
    user = f"-env:UserInstallation={Path(profile).resolve().as_uri()}"
    # A new profile makes LibreOffice restart itself once: it is made first, alone.
    subprocess.run([soffice, user, "--headless", "--norestore", "--terminate_after_init"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    pipe = f"editdesk-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [soffice, user, "--headless", "--norestore",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        ctx = connect(proc, pipe)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for name in files:
            src = Path(name).resolve()
            for mode, command in COMMANDS:
                doc = desktop.loadComponentFromURL(
                    src.as_uri(), "_blank", 0, (prop("Hidden", True),)
                )
                dispatcher.executeDispatch(
                    doc.getCurrentController().getFrame(), command, "", 0, ()
                )
                target = Path(out_dir).resolve() / f"{src.stem}.{mode}.txt"
                doc.storeToURL(
                    target.as_uri(),
                    (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")),
                )
                doc.close(True)
        with contextlib.suppress(Exception):  # the bridge goes down with it
            desktop.terminate()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
