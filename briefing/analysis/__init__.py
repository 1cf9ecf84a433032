"""Analysis: what the articles say. People, organisations and places; dates resolved by the
tense of their clause; open issues and positions; key facts several sources state; where
sources differ; the timeline's events; the dossier's story in a few words.

Each stage reads articles (and the stages before it) and returns plain data; the index
(briefing/index.py) runs them in order and holds their results.
"""
