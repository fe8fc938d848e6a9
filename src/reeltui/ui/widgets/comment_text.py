"""A comment's Markdown as styled text: the one renderer of every place a comment is shown
(the thread pane, the inbox's and the outbox's detail, the composer's "in reply to").

Comments are short and many: a line-by-line pass gives quotes (`> `), list bullets, headings,
*emphasis*, **strong**, `code` and [links](…) their look without Textual's Markdown widget
(seconds for a few hundred comments). Text never becomes console markup.
"""

from __future__ import annotations

from rich.text import Text

from reeltui.domain.dates import display_date
from reeltui.domain.models import Comment
from reeltui.domain.patterns import lazy
from reeltui.domain.sanitize import cut_for_display, cut_note, sanitize, sanitize_line

QUOTE_STYLE = "italic"
QUOTE_BAR = "▌ "
_INLINE = lazy(
    r"(?P<code>`[^`\n]+`)"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<href>[^)\s]+)\)"
    r"|(?P<mark>\*\*|\*|__|_)(?=\S)(?P<inner>.+?)(?<=\S)(?P=mark)"
)
_BULLET = lazy(r"^(\s*)[-*+]\s+")
_HEADING = lazy(r"^#{1,6}\s+")


def byline(comment: Comment) -> str:
    """Who wrote `comment` and when, as every detail pane heads it: "Ana · 2014-01-05 12:34"."""
    author = sanitize_line(comment.author) or "anonymous"
    when = display_date(comment.date)
    return f"{author} · {when}" if when else author


def inline_markdown(line: str, style: str = "") -> Text:
    """One line with *emphasis*, **strong**, `code` and [links](…) shown as styles."""
    text = Text(style=style)
    position = 0
    for match in _INLINE.finditer(line):
        text.append(line[position : match.start()])
        if match.group("code"):
            text.append(match.group("code")[1:-1], "bold")
        elif match.group("label"):
            text.append(match.group("label"), "underline")
        else:
            strong = len(match.group("mark")) == 2
            text.append(match.group("inner"), "bold" if strong else "italic")
        position = match.end()
    text.append(line[position:])
    return text


def comment_text(body: str, *, style: str = "") -> Text:
    """The comment's (untrusted) Markdown as a Text; "(empty)" when there is none. A huge
    comment is cut (`cut_for_display`: a 50 MB one hung the thread) and says so."""
    shown, left_out = cut_for_display(body)
    lines = sanitize(shown).strip().splitlines() or ["(empty)"]
    out = Text(style=style)
    for i, line in enumerate(lines):
        if i:
            out.append("\n")
        if line.startswith(">"):
            out.append(QUOTE_BAR, "dim")
            out.append_text(inline_markdown(line.lstrip(">").strip(), QUOTE_STYLE))
        elif bullet := _BULLET.match(line):
            out.append(bullet.group(1) + "• ")
            out.append_text(inline_markdown(line[bullet.end() :]))
        elif heading := _HEADING.match(line):
            out.append_text(inline_markdown(line[heading.end() :], "bold"))
        else:
            out.append_text(inline_markdown(line))
    if left_out:
        out.append("\n" + cut_note(left_out), "dim italic")
    return out
