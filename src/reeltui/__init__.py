"""reeltui: a terminal reader and editor for a film-review blog."""

__version__ = "0.1.0"
