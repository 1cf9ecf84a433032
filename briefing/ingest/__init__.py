"""Ingest: files and folders → articles. Finding files, decoding them, reading each format
(text, Markdown, HTML, PDF, Word, feeds, e-mail), separating story from page furniture, and
reading what each file states about itself. `briefing fetch` downloads pages into a folder.

Nothing here analyses a story; it only makes every kind of file one kind of article.
"""
