"""Sync with a WordPress site over its REST API (application password).

Kept light on purpose: importing a module of this package (credentials for `--help`) must not
load the HTTP client. The modules:

- `run`: `sync()` (push, then pull), `status()`, the result and progress types;
- `resolve`: settle a conflict (keep yours or the site's);
- `state`: what sync remembers between runs (cursors, conflicts) in the store's meta table;
- `client`: the WordPress REST client and its error classes;
- `mapping`: WordPress objects <-> Post and Comment;
- `pull`: fetch what changed on the site and apply it to the store;
- `push_outbox`: queued replies and moderation; `push_posts`: new drafts and edited posts;
- `credentials`: where the site, user and application password come from.
"""
