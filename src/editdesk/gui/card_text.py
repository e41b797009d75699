"""What a card says: its state, the flagged words on one line, what would replace them."""

from __future__ import annotations

from PySide6.QtGui import QColor

from editdesk.gui.article_view import SEVERITY_COLOURS
from editdesk.gui.items import Item, short_time

CARD_COLOURS = {**SEVERITY_COLOURS, "comment": QColor("#c79a00")}


def state_label(item: Item) -> str:
    if item.is_comment:
        n = len(item.replies)
        replies = f"{n} repl{'y' if n == 1 else 'ies'} · " if n else ""
        return replies + ("Resolved" if item.state == "resolved" else "Open")
    if item.stale and item.is_open:
        return "Open · edited since check"
    return item.state.capitalize()


def card_message(item: Item) -> str:
    """The message, then what the desk's editors decided on the rule (if they did)."""
    return f"{item.message}\n{item.history}" if item.history else item.message


def visible_quote(text: str) -> str:
    """The flagged words on one line; a span of only spaces is shown as such."""
    if text and not text.strip():
        n = len(text)
        return "·" * min(n, 8) + (" (space)" if n == 1 else " (spaces)")
    return " ".join(text.split())


def detail_line(item: Item) -> str:
    quote = visible_quote(item.flagged)
    if len(quote) > 60:
        quote = quote[:57] + "…"
    if item.is_comment:
        when = short_time(item.at)
        return f"on “{quote}” · {when}" if quote else when
    if item.original is not None:  # accepted: what it was and what it became
        return f"“{visible_quote(item.original)}” → “{quote}”"
    if item.replacements:
        reps = ", ".join(visible_quote(r) or "(delete)" for r in item.replacements[:4])
        return f"“{quote}” → {reps}"
    return f"“{quote}”"
