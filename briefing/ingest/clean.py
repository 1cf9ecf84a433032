"""Boilerplate removal: what is the story, and what is the page around it.

Every decision is made from general, line-level evidence: short call-to-action
lines, first-person appeals, link and timestamp density, social-media embeds,
photo credits, and position after the story has ended. No sentence of any
particular article is listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.model import RemovedLine

# Inline Markdown that scraped plain text often still carries.
_MD_LINK_RE = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM_RE = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
# A Markdown heading marker left in plain text ("## Background").
MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")


def strip_inline_markdown(line: str) -> str:
    """`line` with Markdown links, emphasis and autolinks reduced to their text."""
    line = _MD_LINK_RE.sub(lambda m: m.group(1), line)
    line = _MD_AUTOLINK_RE.sub(lambda m: m.group(1), line)
    line = _MD_STRONG_RE.sub(lambda m: m.group(2), line)
    line = _MD_EM_RE.sub(lambda m: m.group(1) or m.group(2), line)
    return line


# Phrases that, on a short line, ask the reader to do something other than read the story.
_CALL_TO_ACTION_RE = re.compile(
    r"\b(?:support (?:us|our|the|independent)|support [A-Z]|donat(?:e|ion|ing)|subscri(?:be|ption|bers?)"
    r"|sign up|newsletter|follow [\w ]{1,30} on (?:facebook|x|twitter|instagram|tiktok|threads|bluesky|linkedin)"
    r"|leave (?:a|the first|your) (?:comment|reply)|no comments|\d+ comments?"
    r"|comment(?:s)? (?:below|section)|share (?:this|on|via)|follow us|read (?:more|next|also|the full)"
    r"|related (?:articles?|stories|posts|coverage|content|reading)|recommended|more from|you may also like"
    r"|what is your opinion|what do you think|continue reading|click here|advertisement|remind me later"
    r"|not ready to|privacy policy|terms of (?:use|service)|cookies?|all rights reserved|copyright"
    r"|min(?:ute)?s? read|reading time|payment methods|paiment methods|most (?:read|popular)|trending now"
    r"|listen to (?:this|the) (?:article|story)|download (?:our|the) app|get the app|log ?in|register"
    r"|skip to (?:content|main)|back to top|editor'?s picks?|sponsored|print this|email this)\b"
    r"|^(?:related|read next|read more|see also|more|tags?|topics?|share|once|monthly|annual|yearly|continue|preview|"
    r"watch|listen|advertisement|loading\.*|menu|search|home)\s*[:.!?]?\s*$"
    r"|^related(?: article| story| content)?s?\s*:",
    re.IGNORECASE,
)
# Lines that begin a block of page furniture which runs to the end of the file.
_BLOCK_START_RE = re.compile(
    r"^(?:read next|read more|related(?: articles?| stories| posts| coverage| content)?|more (?:from|on|stories)"
    r"|you may also like|recommended(?: for you)?|most (?:read|popular)|trending|sign up\b.*|a message from\b.*"
    r"|support (?:us|our|independent)\b.*|dear readers?\b.*|leave (?:a|the first|your) (?:comment|reply)"
    r"|what is your opinion\b.*|comments?|share this\b.*|tags?:.*|topics?:.*)\s*[:.!?]?\s*$",
    re.IGNORECASE,
)
# First-person appeals of a publication to its readers.
_APPEAL_RE = re.compile(
    r"\b(?:we|our|us)\b.*\b(?:support|help|donat\w*|contribut\w*|journalism|subscri\w*|readers?|independen\w*|mission|work)\b"
    r"|\b(?:your|you)\b.*\b(?:support|donat\w*|contribut\w*|subscri\w*|inbox|mailbox)\b",
    re.IGNORECASE,
)
_EMBED_RE = re.compile(
    r"pic\.twitter\.com/|\btwitter\.com/|\bx\.com/\w|\bt\.co/|instagram\.com/|facebook\.com/|youtu\.?be|tiktok\.com/"
    r"|\(@\w{1,30}\)|^[\u2014\u2013-]\s*.*@\w+|^\s*embed\b",
    re.IGNORECASE,
)
_TIMESTAMP_RE = re.compile(
    r"^\s*(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?)\s+ago|updated\b.*|published\b.*)\s*$",
    re.IGNORECASE,
)
_URL_LINE_RE = re.compile(
    r"^\s*(?:(?:original|source|canonical)?\s*(?:url|link)\s*:?)?\s*<?(https?://\S+?)>?\s*$", re.IGNORECASE
)
_URL_LABEL_RE = re.compile(r"^\s*(?:original|source|canonical)?\s*(?:url|link|source)\s*:\s*$", re.IGNORECASE)
_CREDIT_RE = re.compile(
    r"(?:^|[.)\]]\s*)(?:photo:?\s*)?[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}\s*/\s*[A-Z][\w.&-]+(?:\s+[A-Z][\w.&-]+){0,2}\s*$"
    r"|(?:^|[.)\]]\s*)[A-Z]{2,8}(?:/[A-Z][\w-]+)?\s*$"
    r"|\b(?:photo(?:graph)?|image|credit|illustration|pictured)\s*(?:by|:)"
    r"|\bgetty images\b|\bap photo\b|\breuters/|\bafp\b via|\bshutterstock\b|\(photo\b",
    re.IGNORECASE,
)
_STRONG_CREDIT_RE = re.compile(
    r"^(?:photo(?:graph)?|image|picture|credit|illustration)\s*(?:by\b|:)|\((?:photo|image)\b|\bgetty images\b"
    r"|\bap photo\b",
    re.IGNORECASE,
)
_READING_META_RE = re.compile(
    r"\bmin(?:ute)?s?\s+read\b|\bno comments\b|\bcomments? off\b|\breading time\b", re.IGNORECASE
)

_TERMINAL = tuple(".!?:;\"'\u201d\u2019)\u2026")


# "PORT-STRIKE/ (UPDATE 1)", "AUSTRALIA-ELECTION/", "UPDATE 2-": an agency's slug line.
_WIRE_SLUG_RE = re.compile(
    r"^(?:[A-Z0-9&.]{2,}(?:[-/][A-Z0-9&.]{2,})*/+[A-Z0-9&./-]*(?:\s*\((?:UPDATE|CORRECTED|REFILE|WRAPUP)[\w ]{0,12}\))?"
    r"|(?:UPDATE|REFILE|CORRECTED|WRAPUP)\s*\d*[-:]?|\((?:UPDATE|CORRECTED|REFILE)[\w ]{0,12}\)"
    # "Belgium-company-food-takeover-jobs": a keyword slug; "bur-ldc/jm": an agency desk code;
    # "(Adds comment in paragraphs 7-9)": what an update of a wire story changed.
    r"|[A-Za-z]+(?:-[A-Za-z]+){2,}|[a-z]{2,4}(?:-[a-z]{2,4})*/[a-z]{2,4}(?:-[a-z]{2,4})*"
    r"|\((?:Adds|Updates|Recasts|Rewrites|Corrects|Changes|Refiles|Removes|Inserts|Fixes)\b[^()]{0,120}\))\s*$"
)
# "(Reporting by A; Additional reporting by B; Editing by C)", "Compiled by ..." at a story's end.
_TRAILER_RE = re.compile(
    r"^\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|produced)\s+by\b[^()]{0,300}\)?\s*$"
    r"|^[-\u2014\u2013]?\s*(?:with\s+)?(?:reporting|writing)\s+by\b.{0,200}$",
    re.IGNORECASE,
)
# A byline standing in the story: "By Anna Berg", "By ANNA BERG, Health Correspondent".
_BYLINE_LINE_RE = re.compile(
    r"^(?:[Bb]y|BY)\s+[A-Z][\w.'\u2019-]+(?:[ ,]+(?:and\s+)?[A-Z][\w.'\u2019-]+){0,6}"
    r"(?:\s*[,|\u2014-]\s*[\w ,.'&-]{0,50})?\s*$"
)


# Kinds of page furniture, each by what it does rather than by any page's wording:
# notices about rights, invitations to contact the newsroom, newsletter and podcast promos,
# credits, comment-section prompts and opinion disclaimers.
_FURNITURE_KINDS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    (
        "cookie notice",
        re.compile(
            r"\b(?:we|this (?:web)?site|our (?:web)?site|our partners)\b.*\bcookies\b"
            r"|\bcookies?\b.*\b(?:policy|settings|consent|preferences)\b"
            r"|\baccept (?:all )?cookies\b",
            re.IGNORECASE,
        ),
        60,
    ),
    (
        "rights notice",
        re.compile(
            r"^\s*(?:\u00a9|\(c\)\s)|^copyright\b|\bcopyright (?:\u00a9\s*)?\d{4}|\ball rights reserved\b"
            r"|\bmay not be (?:re)?(?:published|broadcast|reproduced)\b.*\b(?:without|permission)"
            r"|\bredistributed without\b"
            r"|\brepublish\w*\b.*\bpermission\b|\bsyndication (?:requests|enquiries|inquiries)\b|\btrust principles\b"
            r"|^our standards\b",
            re.IGNORECASE,
        ),
        40,
    ),
    (
        "newsroom contact",
        re.compile(
            r"\bcontact (?:the |our )?(?:[\w'-]+ ){0,4}(?:newsroom|newsdesk|news desk)\b|\bnews ?tips?\b"
            r"|\bgot a (?:news )?(?:tip|story)\?|\bhave a (?:news )?tip\b|\bsend us (?:your )?(?:news|tips|stories)\b"
            r"|\breply to this e-?mail\b|\bletters to the editor\b|\bwelcomes (?:responses|letters)\b"
            r"|\breport an error\b"
            r"|[\w.+-]+@[\w-]+\.[\w.-]*[a-z]",
            re.IGNORECASE,
        ),
        20,
    ),
    (
        "opinion disclaimer",
        re.compile(
            r"\bviews (?:expressed|are (?:personal|(?:his|her|their|the author'?s?) own))"
            r"|\b(?:opinions|views) in this (?:column|article|piece)\b"
            r"|\bviews expressed here\b|^the (?:writer|author) is\b",
            re.IGNORECASE,
        ),
        30,
    ),
    (
        "newsletter promo",
        re.compile(
            r"\bunsubscribe\b|\bview (?:it |this )?in (?:your |a )?browser\b|\bforward(?:ed)? (?:this|it)\b"
            r"|\breader-supported\b"
            r"|\bfree to read\b|\bbecome a (?:member|subscriber|supporter|patron)\b"
            r"|\bis an? (?:[\w-]+ ){0,3}newsletter\b"
            r"|\bmanage (?:your )?(?:preferences|subscription)\b",
            re.IGNORECASE,
        ),
        30,
    ),
    (
        "podcast promo",
        re.compile(
            r"\b(?:listen (?:on|now)|new episodes?|wherever you get your podcasts|our (?:[\w-]+ ){0,2}podcast)\b"
            r"|^(?:the )?(?:[\w'-]+ ){0,4}podcast\b[^.]*$",
            re.IGNORECASE,
        ),
        30,
    ),
    (
        "credit",
        re.compile(
            r"^(?:story|reporting|reporter|words|text|photographs?|photos?|pictures?|images?|video|graphics?|editing"
            r"|edited)(?: by)?\s*:\s*\S"
            r"|^(?:photo|image|picture) caption\b"
            r"|^(?:filed (?:from|under)|posted in|tagged|tags?\s*:|topics?\s*:|categor(?:y|ies)\s*:)"
            r"|\bcontributed to this report\b"
            r"|^\(?\s*[$\u20ac\u00a3]\s?1\s?=\s?[\d.,]+\s+[\w ]{2,20}\)?$|^\(\(.*\)\)$"
            r"|^(?:photo(?:graph)?s?|pictures?|images?) by\b"
            r"|\b[A-Z]{2,6} (?:image|photo)/",
            re.IGNORECASE,
        ),
        25,
    ),
    (
        "helpline notice",
        re.compile(
            r"\bif (?:this|the) (?:story|article|report) (?:has )?(?:raised|affected|raises)\b|\bsupport is available\b"
            r"|\b(?:helpline|crisis line|samaritans|lifeline)\b.*\b(?:on|call|at)\s+[\d+(]",
            re.IGNORECASE,
        ),
        40,
    ),
    (
        "comment prompt",
        re.compile(
            r"^comments?\s*\(\d+\)|\bcomments are (?:moderated|closed|open)\b|\bsign in to (?:comment|join|reply)\b"
            r"|\bjoin the (?:conversation|discussion)\b|\bcommunity guidelines\b|\bkeep (?:the )?discussion civil\b",
            re.IGNORECASE,
        ),
        20,
    ),
    (
        "related-article link",
        re.compile(
            r"^(?:more (?:[\w-]+ ){0,2}(?:news|stories|opinion|coverage|articles|reads)|also read|further reading"
            r"|more opinion"
            r"|read (?:more|next|also)|see also|related(?: articles?| stories| coverage)?)\s*(?::|$)"
            r"|^more (?:from|on|about) (?:the |this )?[\w'\u2019&.-]+(?: [\w'\u2019&.-]+){0,3}\s*:",
            re.IGNORECASE,
        ),
        30,
    ),
)


def furniture_kind(line: str) -> str | None:
    """What kind of page furniture a line is, if it is one of the kinds every site has."""
    stripped = line.strip()
    words = words_in(stripped)
    for reason, pattern, max_words in _FURNITURE_KINDS:
        if words <= max_words and pattern.search(stripped):
            return reason
    if _is_link_row(stripped):
        return "share or section links"
    if words <= 8 and re.search(r"https?://|www\.", stripped):
        return "link"
    return None


def _is_link_row(line: str) -> bool:
    """ "Share: Facebook · X · WhatsApp · Email", "Kerala · Tamil Nadu · Karnataka": a row of short links."""
    parts = [p.strip() for p in re.split(r"\s[\u00b7|\u2022]\s", line) if p.strip()]
    return len(parts) >= 3 and words_in(line) <= 16 and sum(words_in(p) for p in parts) / len(parts) <= 3


def is_wire_slug(line: str) -> bool:
    """An agency's slug or update-number line ("PORT-STRIKE/ (UPDATE 1)")."""
    return len(line) <= 140 and bool(_WIRE_SLUG_RE.match(line.strip()))


def is_wire_trailer(line: str) -> bool:
    """The credits a wire story ends with ("(Reporting by A; Editing by B)")."""
    return len(line) <= 400 and bool(_TRAILER_RE.match(line.strip()))


def is_byline(line: str) -> bool:
    """A "By Name" line."""
    return words_in(line) <= 14 and bool(_BYLINE_LINE_RE.match(line.strip()))


def words_in(line: str) -> int:
    """How many words a line has (space-separated; cheap, as it runs on every line)."""
    return len(line.split())


def is_call_to_action(line: str) -> bool:
    """A short line that asks the reader to act (subscribe, donate, comment, read more)."""
    return words_in(line) <= 14 and bool(_CALL_TO_ACTION_RE.search(line.strip()))


_EMBED_HINTS = ("@", "twitter", "x.com/", "t.co/", "instagram", "facebook", "youtu", "tiktok", "mbed")


def is_embed(line: str) -> bool:
    """A social-media embed or its attribution line."""
    # The substring test is a cheap gate: the regex runs only on lines that could match.
    return any(hint in line for hint in _EMBED_HINTS) and bool(_EMBED_RE.search(line))


def is_timestamp(line: str) -> bool:
    """A bare time or "3 hours ago" line, as read-next lists carry."""
    return bool(_TIMESTAMP_RE.match(line))


def is_photo_credit(line: str) -> bool:
    """A photo caption or credit line ("... in Istanbul. Jane Doe / AGENCY")."""
    return words_in(line) <= 40 and bool(_CREDIT_RE.search(line.strip()))


def is_reading_meta(line: str) -> bool:
    """A category, comment-count or reading-time line."""
    return bool(_READING_META_RE.search(line))


def url_in_line(line: str) -> str | None:
    """The URL a line consists of (optionally after "Original url:"), if it is one."""
    match = _URL_LINE_RE.match(line)
    return match.group(1) if match else None


def is_url_label(line: str) -> bool:
    """A label such as "Original url:" whose URL is on the next line."""
    return bool(_URL_LABEL_RE.match(line))


def looks_like_heading(line: str) -> bool:
    """A short line without closing punctuation: a headline or subheading."""
    stripped = line.strip()
    return 0 < words_in(stripped) <= 14 and not stripped.endswith(_TERMINAL[:-1]) and not stripped.endswith(",")


def _is_furniture(line: str) -> bool:
    return is_call_to_action(line) or is_timestamp(line) or is_embed(line) or bool(_APPEAL_RE.search(line))


@dataclass(slots=True)
class CleanResult:
    """An article's story paragraphs and what was taken out."""

    paragraphs: list[tuple[str, bool]] = field(default_factory=list)
    """(text, is_heading) for each paragraph of the story."""
    removed: list[RemovedLine] = field(default_factory=list)
    """Lines left out, with the reason."""


def clean_lines(
    lines: list[str], consumed: set[int], heading_lines: set[int] | None = None, author: str | None = None
) -> CleanResult:
    """Separate the story from boilerplate.

    `lines` are the file's lines with inline Markdown already stripped;
    `consumed` are lines already used as metadata (headline, date line, URL),
    which are neither story nor boilerplate; `author` is the byline's name, if known.
    """
    heading_lines = heading_lines or set()
    result = CleanResult()
    reasons: dict[int, str] = {}
    body = [i for i, line in enumerate(lines) if line.strip() and i not in consumed]

    for i in body:
        line = lines[i].strip()
        if is_embed(line):
            reasons[i] = "social-media embed"
        elif is_wire_slug(line):
            reasons[i] = "wire slug"
        elif is_wire_trailer(line):
            reasons[i] = "reporting and editing credits"
        elif is_byline(line):
            reasons[i] = "byline"
        elif (kind := furniture_kind(line)) is not None:
            reasons[i] = kind
        elif is_timestamp(line):
            reasons[i] = "timestamp"
        elif is_reading_meta(line):
            reasons[i] = "category or reading-time line"
        elif url_in_line(line) or is_url_label(line):
            reasons[i] = "link"
        elif re.match(r"^(?:related|see also|more on this|read also)\b", line, re.IGNORECASE) and (
            words_in(line) <= 8 or re.match(r"^[\w ]{0,25}:", line)
        ):
            reasons[i] = "related-article link"
        elif is_call_to_action(line):
            reasons[i] = "call to action"

    _links_after_labels(lines, body, reasons, heading_lines)
    _author_note_at_end(lines, body, reasons, author)

    # Captions and credits sit just under the headline, before the story starts; one that
    # says "Photo:" is a credit wherever it stands.
    # A caption is a caption only above running text: a lone "AFP" with no story after it
    # is not. Positions count the lines still standing, so that removing furniture first
    # (or cleaning twice) does not move the window.
    standing = [i for i in body if i not in reasons]
    first_prose = next(
        (p for p, i in enumerate(standing) if words_in(lines[i]) >= 8 and lines[i].strip().endswith(_TERMINAL)), None
    )
    for position, i in enumerate(standing):
        line = lines[i].strip()
        if line.endswith((".", "?", "!")):
            continue
        above_prose = first_prose is not None and position < min(4, first_prose)
        if (_STRONG_CREDIT_RE.search(line) and words_in(line) <= 40) or (above_prose and is_photo_credit(line)):
            reasons[i] = "photo caption or credit"

    tail_start = _tail_block_start(lines, body, reasons)
    remaining = body
    # Cutting page furniture can leave more furniture at the new end of the story; cut
    # again until nothing changes, so that cleaning a cleaned text changes nothing.
    while tail_start is not None:
        label = _tail_label(lines, remaining, tail_start)
        for i in remaining:
            # A line with a reason of its own keeps it; the rest of the block takes the block's.
            if i >= tail_start and i not in reasons:
                reasons[i] = label
        remaining = [i for i in remaining if i not in reasons]
        tail_start = _tail_block_start(lines, remaining, {})

    kept = [i for i in body if i not in reasons]
    for i in body:
        if i in reasons:
            result.removed.append(RemovedLine(lines[i].strip(), reasons[i]))

    result.paragraphs = _paragraphs(lines, kept, heading_lines)
    return result


_LINK_LABEL_RE = re.compile(
    r"^(?:read (?:more|next|also)|also read|see also|further reading|related(?: articles?| stories| coverage)?"
    r"|more (?:[\w-]+ ){0,2}(?:news|stories|opinion|coverage|articles|reads)"
    r"|more from (?:the )?[\w'\u2019&.-]+(?: [\w'\u2019&.-]+){0,3})"
    r"\s*:?\s*$",
    re.IGNORECASE,
)


def _links_after_labels(lines: list[str], body: list[int], reasons: dict[int, str], heading_lines: set[int]) -> None:
    """The headlines listed under a "Read more:" or "Further reading" label are links, not story."""
    for position, i in enumerate(body):
        if not _LINK_LABEL_RE.match(lines[i].strip()):
            continue
        reasons.setdefault(i, "related-article link")
        for j in body[position + 1 :]:
            line = lines[j].strip()
            words = words_in(line)
            # A listed headline may end in a quotation; a sentence of the story is longer.
            if j in heading_lines or words > 14 or (words > 10 and line.endswith((".", "\u201d", '"'))):
                break
            reasons.setdefault(j, "related-article link")


# "Jane Doe is a former judge and writes on courts.", "The writer spent 25 years as a nurse."
_AUTHOR_NOTE_RE = re.compile(
    r"^(?:[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,3}|The (?:writer|author))\s+"
    r"(?:is|was)\s+(?:a|an|the)\s+(?:former|retired|senior|visiting|freelance|\w+ (?:at|of)\b)"
    r"|^(?:[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,3}|The (?:writer|author))\s+"
    r"(?:spent \d+ years|has (?:written|reported|covered)|writes (?:on|about)|teaches)\b"
)


def _author_note_at_end(lines: list[str], body: list[int], reasons: dict[int, str], author: str | None) -> None:
    """A note about the author in the story's last lines is about the writer, not the news:
    one that opens with the byline's name, or reads like a biography."""
    names = [n.strip() for n in (author or "").split(",") if len(n.split()) >= 2]
    standing = [i for i in body if i not in reasons]
    for i in standing[-3:]:
        line = lines[i].strip()
        by_author = any(line.startswith(name + " ") for name in names)
        if words_in(line) <= 40 and (
            _AUTHOR_NOTE_RE.match(line)
            or (by_author and re.match(r"^[^.]*?\b(?:is|was|has|spent|writes|teaches|covers|lives)\b", line))
        ):
            reasons[i] = "note about the author"


def _tail_block_start(lines: list[str], body: list[int], reasons: dict[int, str]) -> int | None:
    """Where the page furniture after the story begins, if it runs to the end."""
    if len(body) < 2:
        return None
    # Lines already removed (a credit, an embed) are not story: counting them would make
    # a second cleaning of the result decide differently from the first.
    story_words = 0
    total_words = sum(words_in(lines[i]) for i in body if i not in reasons)
    for position, i in enumerate(body):
        line = lines[i].strip()
        if i not in reasons:
            story_words += words_in(line)
        if position == 0:
            continue
        starts_block = bool(_BLOCK_START_RE.match(line)) or (i in reasons and reasons[i] == "call to action")
        if not starts_block:
            continue
        rest = body[position:]
        furniture = sum(1 for j in rest if j in reasons or _is_furniture(lines[j]) or words_in(lines[j]) <= 6)
        # Everything from here on is mostly furniture, and the story proper came before it.
        own = 0 if i in reasons else words_in(line)
        if furniture / len(rest) >= 0.6 and story_words - own >= 0.3 * total_words:
            # Furniture right before the block ("Dear readers," above "Sign up ...") belongs to
            # it; without this, cleaning the result again would cut more.
            while position > 1 and _starts_or_is_furniture(lines[body[position - 1]], body[position - 1], reasons):
                position -= 1
            return body[position]
    return None


def _starts_or_is_furniture(line: str, i: int, reasons: dict[int, str]) -> bool:
    return i in reasons or bool(_BLOCK_START_RE.match(line.strip())) or _is_furniture(line)


def _tail_label(lines: list[str], body: list[int], start: int) -> str:
    rest = " ".join(lines[i] for i in body if i >= start).lower()
    if re.search(r"donat|support (?:us|our|independent)|contribution|dear reader", rest):
        return "donation appeal"
    if re.search(r"newsletter|sign up|subscri|inbox", rest):
        return "newsletter sign-up"
    if sum(1 for i in body if i >= start and is_timestamp(lines[i])) >= 2 or "read next" in rest or "related" in rest:
        return "read-next or related block"
    if "comment" in rest:
        return "comment prompt"
    return "page furniture after the story"


def _paragraphs(lines: list[str], kept: list[int], heading_lines: set[int]) -> list[tuple[str, bool]]:
    """Kept lines as paragraphs: hard-wrapped lines joined, split sentences mended."""
    wrapped = is_hard_wrapped(lines)
    blocks: list[list[int]] = []
    for i in kept:
        continues = blocks and blocks[-1][-1] == i - 1 and i not in heading_lines and i - 1 not in heading_lines
        if continues and wrapped:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    paragraphs: list[tuple[str, bool]] = []
    for block in blocks:
        text = " ".join(lines[i].strip() for i in block)
        text = re.sub(r"\s+", " ", text).strip()
        heading = len(block) == 1 and (block[0] in heading_lines or looks_like_heading(text))
        previous = paragraphs[-1] if paragraphs else None
        # A paragraph break in the middle of a sentence ("... as" / "well as ...") is an
        # artefact of copying, not a paragraph.
        if previous and not previous[0].endswith(_TERMINAL) and text[:1].islower() and words_in(previous[0]) > 6:
            paragraphs[-1] = (previous[0] + " " + text, False)
            continue
        paragraphs.append((text, heading))
    return paragraphs


def is_hard_wrapped(lines: list[str]) -> bool:
    """Whether the file wraps its prose at a fixed width, so that only blank lines end paragraphs."""
    filled = [line for line in lines if line.strip()]
    if len(filled) < 4 or len(filled) == len(lines):
        return False
    widths = [len(line.rstrip()) for line in filled]
    wrapped = sum(1 for w in widths if 40 <= w <= 100)
    return max(widths) <= 120 and wrapped >= 0.6 * len(filled)
