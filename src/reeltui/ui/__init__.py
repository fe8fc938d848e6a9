"""The Textual app. Never imports tinydb or reeltui.store: it talks to services only."""
