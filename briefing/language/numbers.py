"""Numbers written in words, as the figures of news copy spell them."""

from __future__ import annotations

import re

UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEEN_WORDS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
WORD_VALUES = {**UNITS_WORDS, **TEEN_WORDS, **TENS_WORDS, "dozen": 12, "hundred": 100}


def word_number(words: str) -> float | None:
    """The value of a number written in words ("thirty-two", "four hundred and ninety-eight"), or None."""
    total, current = 0.0, 0.0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in ("and", "a"):
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word in WORD_VALUES:
            current += WORD_VALUES[word]
        else:
            return None
    return total + current if total + current > 0 else None
