"""Views of the one index: the Markdown brief, the JSON of `briefing json`, quotations with
their sources, the article filter and what changed between two readings. They read the
index (and the reader's state); they never analyse.
"""
