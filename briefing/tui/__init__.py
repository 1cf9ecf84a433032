"""The reader app: a thin Textual view over the core's DocumentIndex."""
