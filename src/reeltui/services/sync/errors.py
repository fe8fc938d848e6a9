"""What can go wrong talking to WordPress, each as one line: "code: message".

- `NetworkDown` (code "network" or "timeout"): the site could not be reached or answered too
  slowly (the whole request is bounded by `--timeout`);
- `AuthFailed` (401, or 403 on the whole API): the user name or application password is wrong;
- `ServerFailed` (5xx, 429, an answer that is not WordPress JSON or is too big): the site is
  broken right now;
- `Refused` (other 4xx): WordPress refused this one request, with its own error code
  (rest_comment_draft_post, comment_duplicate, comment_flood, rest_post_invalid_id...).
The first three stop a sync (nothing more can be done now); `Refused` only fails one item.
No message ever holds the application password.
"""

from __future__ import annotations

from typing import Any

from reeltui.errors import ReelError


class WPError(ReelError):
    """A failed call; str() is one line: "code: message"."""

    def __init__(
        self, code: str, message: str, status: int | None = None, data: Any = None
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.data = data  # WordPress's "data" of the error (e.g. term_id for term_exists)


class NetworkDown(WPError):
    pass


class AuthFailed(WPError):
    pass


class ServerFailed(WPError):
    pass


class Refused(WPError):
    pass
