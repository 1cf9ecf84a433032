"""What briefing knows of language and the world, shared by reading and analysis: tokens and
sentences, dates and their arithmetic, places, organisations and given names from the
shipped word lists (briefing/data/)."""
