"""briefing: a folder of news articles turned into a briefing."""

__version__ = "0.1.0"
