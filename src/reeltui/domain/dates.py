"""Dates as the app shows them: one form for every post, comment, revision and autosave."""

from __future__ import annotations

import datetime as dt

from reeltui.domain.sanitize import sanitize_line

DAY_LENGTH = len("2014-01-11")


def display_date(iso: str) -> str:
    """ "2014-01-11T09:00:00+00:00" -> "2014-01-11 09:00": the day, then the time to the minute
    as stored (the site's time; no zone shown). A day alone stays a day ("2014-01-11"), no date
    stays "", and text that is no ISO date is given back on one line, with no terminal escapes."""
    if not iso:
        return ""
    text = iso.strip()
    try:
        if len(text) == DAY_LENGTH:
            return dt.date.fromisoformat(text).isoformat()
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return sanitize_line(iso)
    return when.strftime("%Y-%m-%d %H:%M")
