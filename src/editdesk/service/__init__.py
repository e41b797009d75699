"""The review workflow, below both faces (no Qt, no argparse).

Open an article with its review (the sidecar, or a DOCX's own markup), check it
through the engine session with whatever checkers are up, sync the findings into
the review, save it (sidecar: atomically, under its lock), sign it off, export it.
``editdesk signoff|status|export`` and the desktop app call this; they only parse
arguments, print and draw. It may use engine/ (which starts processes), so it
sits beside core/, not in it.
"""
