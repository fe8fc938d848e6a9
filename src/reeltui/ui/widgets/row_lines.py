"""The two lines of a post's row in the list (ui/widgets/post_list.py): its title line (the
unread dot, the title) and its meta line (date, reels, comments, new ones, author, status),
and a line of text made a strip of the list's width."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reeltui.domain.rating import format_reels
from reeltui.domain.readers import count_label
from reeltui.domain.sanitize import sanitize_line
from reeltui.domain.titles import post_marks
from reeltui.ui.widgets.badges import author_label, status_style
from reeltui.ui.widgets.list_items import ListItem


def strip_of(text: Text, width: int, style: Style, console: Console) -> Strip:
    """`text` cut (or padded) to `width` cells, on `style`."""
    text.truncate(width, overflow="ellipsis", pad=True)
    segments = [
        Segment(seg.text, style + seg.style if seg.style else style)
        for seg in text.render(console)
        if seg.text != "\n"
    ]
    return Strip(segments).adjust_cell_length(width, style)


def foreground(style: Style) -> Style:
    """A style's colour and text style, without its background."""
    return Style(color=style.color, bold=style.bold, italic=style.italic)


def title_line(item: ListItem, fg: Callable[[str], Style]) -> Text:
    """`fg`: a component's colour (the list's `post-list--unread`...), asked when needed."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if item.mark.unread:
        text.append(" ● ", fg("post-list--unread"))
    else:
        text.append("   ")
    text.append(sanitize_line(item.row.post.title) or "(untitled)", Style(bold=True))
    return text


def meta_line(item: ListItem, fg: Callable[[str], Style]) -> Text:
    post = item.row.post
    meta = fg("post-list--meta")
    text = Text("   ", no_wrap=True, overflow="ellipsis")
    text.append(post.date[:10] or "no date", meta)
    reels = format_reels(post.rating)
    if reels:
        text.append(f"  {reels}")
    text.append(f"  {count_label(item.row.comment_count, item.row.pending_count)}", meta)
    if item.mark.new_comments:
        text.append(f" +{item.mark.new_comments} new", fg("post-list--new"))
    text.append("  ")
    text.append(author_label(post), meta)
    text.append("  ")
    text.append(f"[{' · '.join([post.status, *post_marks(post)])}]", status_style(post.status))
    return text
