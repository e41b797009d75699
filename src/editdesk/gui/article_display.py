"""How the article reads in the view: space between paragraphs, headlines and
headings in larger bold type, Markdown rendered (its syntax characters hidden,
emphasis, code and links styled) and a legend for the underline colours.

The view's text stays the article's source text character for character, so
the map between what is shown and the source is the identity: findings, the
cursor, typing and accepted replacements all use source offsets unchanged.
Rendering is a layer of formats over that text (a QSyntaxHighlighter, which
restyles only the block being edited) and of spacing (the document layout).
The block holding the cursor shows its Markdown syntax, dimmed, so the editor
can see and edit the characters the cursor moves over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLabel, QPlainTextDocumentLayout, QPlainTextEdit

from editdesk.core.article import Article
from editdesk.core.review.textdiff import edits_between, map_through
from editdesk.gui.markdown_spans import (
    FENCE,
    MAX_PARAGRAPH_LINES,
    SYNTAX,
    LineStyle,
    paragraph_styles,
)
from editdesk.gui.offsets import OffsetMap, utf16_len

# size of a heading's type against body text, by level (the title is level 1)
HEADING_SCALE = {1: 1.6, 2: 1.35, 3: 1.2, 4: 1.1, 5: 1.05, 6: 1.0}
SYNTAX_COLOUR = QColor("#9aa0a6")
LINK_COLOUR = QColor("#1a5fb4")
CODE_COLOUR = QColor("#6b3e00")
_IN_FENCE = 0x100  # block state bit: a fenced code block is open after this line
_LEVEL = 0xFF


def heading_level(block: QTextBlock) -> int:
    state = block.userState()
    return state & _LEVEL if state > 0 else 0


class ArticleLayout(QPlainTextDocumentLayout):
    """QPlainTextEdit's layout (one line per scroll step, fast on long texts) with
    space below a paragraph, more above a heading. QPlainTextEdit paints, scrolls
    and hit-tests through blockBoundingRect, so taller rects are all it needs."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.paragraph_gap = 0.0  # pixels below a paragraph followed by another
        # pixels left free before a paragraph's first line, by block number, with a
        # cursor in the block (All Markup's words deleted at a paragraph's start)
        self.lead_gaps: dict[int, tuple[QTextCursor, float]] = {}

    def set_lead_gaps(self, gaps: dict[int, tuple[QTextCursor, float]]) -> None:
        before = {n: w for n, (_c, w) in self.lead_gaps.items()}
        self.lead_gaps = gaps
        doc = self.document()
        for n in set(before) | set(gaps):
            if before.get(n) != (gaps[n][1] if n in gaps else None):
                block = doc.findBlockByNumber(n)
                if block.isValid():  # laid out again, then indented (or not) below
                    doc.markContentsDirty(block.position(), block.length())

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 - Qt override
        # Qt calls this for every block it walks past (a selection's rect walks up
        # to two screens of blocks), so it asks Qt as little as it can.
        rect = super().blockBoundingRect(block)
        if self.lead_gaps:
            lead = self.lead_gaps.get(block.blockNumber())
            if lead is not None and lead[0].block() == block and self._indent(block, lead[1]):
                rect = super().blockBoundingRect(block)
        gap = self.paragraph_gap
        if gap and block.length() > 1:
            after = block.next()  # an invalid block's length is 0
            if after.length() > 1:
                rect.adjust(0, 0, 0, gap * 2 if after.userState() > 0 else gap)
        return rect

    def _indent(self, block: QTextBlock, lead: float) -> bool:
        """Lay ``block`` out again with its first line ``lead`` pixels in (Qt's own
        layout knows no first-line indent); False when it already is."""
        layout = block.layout()
        if layout.lineCount() == 0:
            return False
        margin = self.document().documentMargin()
        first = layout.lineAt(0)
        if abs(first.x() - (margin + lead)) < 0.5:
            return False
        width = first.width()
        layout.beginLayout()
        y, n = 0.0, 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLeadingIncluded(True)
            indent = lead if n == 0 else 0.0
            line.setLineWidth(max(width - indent, 1.0))
            line.setPosition(QPointF(margin + indent, y))
            y += line.height()
            n += 1
        layout.endLayout()
        block.setLineCount(n)
        return True


class ArticleHighlighter(QSyntaxHighlighter):
    """The formats of each block: its heading level (kept in the block's state;
    set from the article's paragraphs for .txt and .docx, read from the line for
    Markdown) and, for Markdown, the styled and hidden spans of the line."""

    def __init__(self, document: QTextDocument, point_size: float) -> None:
        super().__init__(document)
        self.markdown = False
        self.reveal_block = -1  # block number whose Markdown syntax shows
        self.point_size = point_size
        self._formats: dict[tuple, QTextCharFormat] = {}
        # All Markup's deleted words, by block number: (cursor at the deletion,
        # pixels to leave free before it for the struck words)
        self.gaps: dict[int, list[tuple[QTextCursor, float]]] = {}
        # an edit restyles its own line; the rest of its paragraph a turn later (a
        # closing * or a === line changes how the lines around it read)
        self._edited: set[int] = set()
        self._restyle_timer = QTimer()
        self._restyle_timer.setSingleShot(True)
        self._restyle_timer.setInterval(0)
        self._restyle_timer.timeout.connect(self._restyle_paragraphs)
        document.contentsChange.connect(self._contents_changed)

    def set_gaps(self, gaps: dict[int, list[tuple[QTextCursor, float]]]) -> None:
        """Restyle only the blocks whose gaps changed (or whose cursors moved)."""
        before = {n: [(c.position(), w) for c, w in g] for n, g in self.gaps.items()}
        after = {n: [(c.position(), w) for c, w in g] for n, g in gaps.items()}
        self.gaps = gaps
        doc = self.document()
        for n in sorted(set(before) | set(after)):
            if before.get(n) != after.get(n):
                block = doc.findBlockByNumber(n)
                if block.isValid():
                    self.rehighlightBlock(block)

    def _contents_changed(self, position: int, removed: int, added: int) -> None:
        if self.markdown and (removed or added):
            self._edited.add(position)
            self._restyle_timer.start()

    def _restyle_paragraphs(self) -> None:
        doc = self.document()
        done: set[int] = set()
        for position in sorted(self._edited):
            edited = doc.findBlock(min(position, max(doc.characterCount() - 1, 0)))
            if not edited.isValid() or edited.blockNumber() in done:
                continue
            before, after = _paragraph_blocks(edited, -1), _paragraph_blocks(edited, 1)
            for block in (*before, edited, *after):
                if block.blockNumber() not in done:
                    done.add(block.blockNumber())
                    self.rehighlightBlock(block)
        self._edited.clear()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        self._style_block(text)
        block = self.currentBlock()
        for cursor, width in self.gaps.get(block.blockNumber(), ()):
            # widen the character before the deletion: letter spacing adds room
            # after it, where the view paints the deleted words struck through
            i = cursor.position() - block.position() - 1
            if 0 <= i < utf16_len(text) and cursor.block() == block:
                fmt = QTextCharFormat(self.format(i))
                spacing = (
                    fmt.fontLetterSpacing()
                    if fmt.fontLetterSpacingType() == QFont.SpacingType.AbsoluteSpacing
                    else 0.0
                )
                fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
                fmt.setFontLetterSpacing(spacing + width)
                self.setFormat(i, 1, fmt)

    def _style_block(self, text: str) -> None:
        if not self.markdown:
            level = heading_level(self.currentBlock())
            if level:
                self.setFormat(0, utf16_len(text), self._format(level, frozenset()))
            return
        previous = self.previousBlockState()
        in_fence = previous > 0 and bool(previous & _IN_FENCE)
        if FENCE.match(text):
            self.setCurrentBlockState(0 if in_fence else _IN_FENCE)
            self.setFormat(0, utf16_len(text), self._format(0, frozenset({"code"})))
            return
        if in_fence:
            self.setCurrentBlockState(_IN_FENCE)
            self.setFormat(0, utf16_len(text), self._format(0, frozenset({"code"})))
            return
        style = self._line_in_paragraph(text)
        self.setCurrentBlockState(style.heading)
        revealed = self.currentBlock().blockNumber() == self.reveal_block
        # the spans count code points, setFormat UTF-16 units (an emoji is two)
        units = OffsetMap(text)
        for start, end, styles in _segments(len(text), style.spans):
            if styles or style.heading:
                if SYNTAX in styles and revealed:
                    styles = (styles - {SYNTAX}) | {"revealed"}
                qt_start, qt_end = units.span_to_qt(start, end)
                self.setFormat(qt_start, qt_end - qt_start, self._format(style.heading, styles))

    def _line_in_paragraph(self, text: str) -> LineStyle:
        """The current line as its paragraph renders it (the lines around it up to a
        blank line or a fence, at most MAX_PARAGRAPH_LINES each way)."""
        if not text.strip():
            return LineStyle()
        block = self.currentBlock()
        before = [b.text() for b in _paragraph_blocks(block, -1)]
        after = [b.text() for b in _paragraph_blocks(block, 1)]
        return paragraph_styles((*reversed(before), text, *after))[len(before)]

    def style_format(self, styles: frozenset[str]) -> QTextCharFormat:
        return self._format(0, styles)

    def _format(self, level: int, styles: frozenset[str]) -> QTextCharFormat:
        key = (level, styles)
        fmt = self._formats.get(key)
        if fmt is not None:
            return fmt
        fmt = QTextCharFormat()
        if level:
            fmt.setFontPointSize(self.point_size * HEADING_SCALE.get(level, 1.0))
            fmt.setFontWeight(QFont.Weight.Bold)
        if SYNTAX in styles:
            # there but not seen: a tiny transparent glyph with its advance taken back
            fmt.setFontPointSize(0.75)
            fmt.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
            fmt.setFontLetterSpacing(-0.5)
            fmt.setForeground(QColor(0, 0, 0, 0))
        if "revealed" in styles or "quote" in styles or "image" in styles:
            fmt.setForeground(SYNTAX_COLOUR)
        if "strong" in styles:
            fmt.setFontWeight(QFont.Weight.Bold)
        if "em" in styles:
            fmt.setFontItalic(True)
        if "underline" in styles:
            fmt.setFontUnderline(True)
        if "strike" in styles:
            fmt.setFontStrikeOut(True)
        if "code" in styles:
            fmt.setFontFamilies(["monospace"])
            fmt.setFontFixedPitch(True)
            fmt.setForeground(CODE_COLOUR)
        if "link" in styles:
            fmt.setForeground(LINK_COLOUR)
            fmt.setFontUnderline(True)
        self._formats[key] = fmt
        return fmt


def _paragraph_blocks(block: QTextBlock, step: int) -> list[QTextBlock]:
    """The blocks of ``block``'s paragraph before it (``step`` -1, nearest first) or
    after it (1): non-blank lines, not fences, none inside a fence."""
    found = []
    b = block.previous() if step < 0 else block.next()
    while b.isValid() and len(found) < MAX_PARAGRAPH_LINES:
        text = b.text()
        if not text.strip() or FENCE.match(text):
            break
        if step < 0 and b.userState() > 0 and b.userState() & _IN_FENCE:
            break
        found.append(b)
        b = b.previous() if step < 0 else b.next()
    return found


def show_article(
    editor: QPlainTextEdit,
    layout: ArticleLayout,
    highlighter: ArticleHighlighter,
    text: str,
    article: Article | None,
) -> None:
    """Put ``text`` (the article's current or original text) in ``editor`` as
    ``article`` reads: no edit (no contentsChange, no undo step)."""
    doc = editor.document()
    doc.blockSignals(True)
    editor.setPlainText(text)
    if article is not None and article.format == "docx":
        apply_run_styles(doc, article, text, highlighter)
    doc.blockSignals(False)
    doc.clearUndoRedoStacks()
    highlighter.markdown = article is not None and article.format == "md"
    highlighter.reveal_block = 0 if not editor.isReadOnly() else -1
    highlighter.gaps = {}
    if article is not None and not highlighter.markdown:
        m = OffsetMap(text)
        for offset, level in heading_blocks(article, text).items():
            doc.findBlock(m.to_qt(min(offset, m.length))).setUserState(level)
    layout.paragraph_gap = paragraph_gap(article, editor.fontMetrics().height())
    highlighter.rehighlight()


class OriginalView(QPlainTextEdit):
    """View > Original: the article as it was read, read-only, shown as the
    article view shows it."""

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self.setReadOnly(True)
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self.display_layout = ArticleLayout(self.document())
        self.document().setDocumentLayout(self.display_layout)
        self.highlighter = ArticleHighlighter(self.document(), font.pointSizeF())

    def show_article(self, text: str, article: Article | None) -> None:
        show_article(self, self.display_layout, self.highlighter, text, article)


def _segments(length: int, spans: Sequence) -> list[tuple[int, int, frozenset[str]]]:
    """Cut [0, length) where any span starts or ends; each piece with its styles."""
    if not spans:
        return [(0, length, frozenset())]
    cuts = sorted({0, length, *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b <= a or b > length:
            continue
        styles = frozenset(s.style for s in spans if s.start <= a and b <= s.end)
        out.append((a, b, styles))
    return out


def to_current(article: Article, text: str) -> Callable[[int], int]:
    """Maps an offset in the article as read to ``text``, the review's current text."""
    if text == article.text:
        return lambda offset: offset
    edits = edits_between(article.text, text)
    return lambda offset: map_through(offset, edits)


def heading_blocks(article: Article, text: str) -> dict[int, int]:
    """Offsets in ``text`` (the review's current text) of the article's title and
    headings, with their display level (the title 1, heading n at n + 1)."""
    found = {}
    where = to_current(article, text)
    for p in article.paragraphs:
        if p.kind == "title":
            level = 1
        elif p.kind == "heading":
            level = min(p.level + 1, 6) if article.format == "docx" else min(p.level, 6)
        else:
            continue
        found[where(p.start)] = level
    return found


def apply_run_styles(
    document: QTextDocument, article: Article, text: str, highlighter: ArticleHighlighter
) -> None:
    """A .docx article's bold, italic, struck and linked words, as formats of the
    document's own characters (so they move with edits and typing inside a bold
    run stays bold). Call with the document's signals blocked: no edit is made."""
    from editdesk.gui.docx_emphasis import run_styles

    spans = run_styles(article)
    if not spans:
        return
    where = to_current(article, text)
    m = OffsetMap(text)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for start, end, styles in spans:
        a, b = m.span_to_qt(min(where(start), m.length), min(where(end), m.length))
        if b > a:
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(highlighter.style_format(styles))
    cursor.endEditBlock()


def paragraph_gap(article: Article | None, line_height: float) -> float:
    """Space below each paragraph: .docx paragraphs and .txt written one per
    line have none between them; Markdown and blank-line text already do."""
    if article is None or article.format == "md":
        return 0.0
    if article.format == "txt" and any(not ln.strip() for ln in article.text.split("\n")[:-1]):
        return 0.0
    return round(line_height * 0.6)


def severity_legend(colours: dict[str, QColor]) -> QLabel:
    """The three underline colours, for the status bar."""
    parts = [
        f'<span style="color:{colours[name].name()}; font-weight:bold">〰</span>&nbsp;{name}'
        for name in ("error", "warning", "suggestion")
    ]
    label = QLabel("Underlines: " + " &nbsp; ".join(parts))
    label.setObjectName("severityLegend")
    label.setToolTip(
        "Wavy underlines under the article's words: red an error, orange a warning, "
        "blue a suggestion. Shaded words carry a comment."
    )
    return label
