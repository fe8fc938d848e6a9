"""Developer tools (`make screenshots`)."""
