"""How every view writes dates and citations, so the brief, the JSON and the app say them alike."""

from __future__ import annotations

import datetime as dt

# A claim that 1,300 articles make is cited by its first few; the count says the rest.
MAX_CITATIONS = 5


def cite(sources: tuple[int, ...] | list[int]) -> str:
    """Numbered citations such as [1][3], at most MAX_CITATIONS of them and a count of the rest."""
    return written_citations(cited_numbers(sources), uncited_count(sources))


def written_citations(numbers: tuple[int, ...] | list[int], more: int) -> str:
    """ "[1][3] +2 more": the citations `numbers` and a count of `more` not shown."""
    return "".join(f"[{n}]" for n in numbers) + (f" +{more} more" if more else "")


def cited_numbers(sources: tuple[int, ...] | list[int]) -> list[int]:
    """The source numbers `cite` shows."""
    return sorted(set(sources))[:MAX_CITATIONS]


def uncited_count(sources: tuple[int, ...] | list[int]) -> int:
    """How many of the sources `cite` counts rather than shows."""
    return max(0, len(set(sources)) - MAX_CITATIONS)


def human_date(value: str | None, precision: str | None = "day") -> str:
    """ "2025-02-27" → "27 Feb 2025"; months and years as written; quarters "Q3 2025"; None → "undated"."""
    if not value:
        return "undated"
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    if precision == "quarter":
        return f"Q{(int(parts[1]) - 1) // 3 + 1} {parts[0]}"
    month = dt.date(int(parts[0]), int(parts[1]), 1).strftime("%b")
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    text = f"{int(parts[2])} {month} {parts[0]}"
    return f"week of {text}" if precision == "week" else text
