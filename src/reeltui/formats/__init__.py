"""Importers and exporters (WXR, Markdown with front matter, JSON). No UI code here."""


class FormatError(ValueError):
    """Input that cannot be read; the message says which file and why, fit for a user."""
