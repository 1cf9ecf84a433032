"""The reader's state: what was read, starred and noted, kept apart from the index in SQLite."""
