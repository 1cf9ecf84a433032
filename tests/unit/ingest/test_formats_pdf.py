"""PDF files: text in reading order, page furniture removed, lines rejoined, bad files skipped with a reason."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.pdfmake import make_pdf

from briefing.ingest.dossier import load_dossier
from briefing.ingest.formats.pdf import join_lines, remove_page_furniture

HEADER = "The Harbour Gazette \u2014 Page {n}"

# Three pages as a newspaper lays them out: a running header, the story, a page number at the foot.
# Paragraphs end in a short line; page 1 breaks mid-sentence, and "inter-" / "national" is
# hyphenated at a line end.
PAGES = [
    [
        HEADER.format(n=1),
        "",
        "Harbour Cranes Return After Strike",
        "",
        "Dock workers in the port of Aldmere returned to work on Tuesday after a",
        "three-week strike over pay and the inter-",
        "national shipping schedules that set their shifts, the union said.",
        "Managers welcomed the deal.",
        "The dispute began in February when the port authority announced that",
        "night crews would be cut by a third, a plan the union said would leave",
        "cranes running with too few hands on the quay at the busiest hours of",
        "the week, when the container ships from Rotterdam and Hamburg come",
        "",
        "1",
    ],
    [
        HEADER.format(n=2),
        "",
        "in on the morning tide and must be unloaded before they sail again.",
        "The agreement restores the night crews until the end of the year.",
        "Harbour master Ellen Varga said the first ships had already been",
        "unloaded and that the backlog of containers would be cleared within",
        "ten days, provided that the weather over the estuary stayed calm and",
        "dry.",
        "",
        "2",
    ],
    [
        HEADER.format(n=3),
        "",
        "The union will put the agreement to a vote of its members next week.",
        "Shipping lines said they expected normal sailings to resume soon.",
        "",
        "3",
    ],
]
INFO = {"Title": "Harbour Cranes Return After Strike", "Author": "Ellen Marsh", "CreationDate": "D:20260314093000Z"}


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def skip_reason(folder: Path, name: str) -> str:
    dossier = load_dossier([folder])
    assert not dossier.articles
    return {Path(s.path).name: s.reason for s in dossier.skipped}[name]


def test_an_article_pdf_reads_as_its_story_without_page_furniture(tmp_path: Path) -> None:
    write(tmp_path, "cranes.pdf", make_pdf(PAGES, INFO))
    (article,) = load_dossier([tmp_path]).articles
    assert article.title == "Harbour Cranes Return After Strike"
    assert article.published.isoformat() == "2026-03-14"
    assert article.author == "Ellen Marsh"
    text = article.text
    assert "Harbour Gazette" not in text and "Page" not in text
    assert not any(line.strip().isdigit() for line in text.split("\n"))
    assert "the international shipping schedules" in text  # hyphen at the line end mended
    assert "three-week strike" in text  # a hyphen inside a line kept
    # The sentence broken across pages 1 and 2, read whole and in one paragraph.
    sentence = (
        "when the container ships from Rotterdam and Hamburg come in on the morning tide "
        "and must be unloaded before they sail again."
    )
    assert sentence in text
    assert any(sentence in text[s.start : s.end] for s in article.sentences)
    paragraphs = [text[p.start : p.end] for p in article.paragraphs]
    # A short line ending a sentence ends its paragraph; full lines run on.
    assert any(p.startswith("Dock workers") and p.endswith("Managers welcomed the deal.") for p in paragraphs)
    assert any(p.startswith("The union will put") and p.endswith("resume soon.") for p in paragraphs)
    removed = {(r.text, r.reason) for r in article.removed}
    assert (HEADER.format(n=2), "running header or footer") in removed
    assert ("3", "page number") in removed


def test_a_junk_metadata_title_gives_way_to_the_headline(tmp_path: Path) -> None:
    info = {**INFO, "Title": "Microsoft Word - draft.docx"}
    write(tmp_path, "cranes.pdf", make_pdf(PAGES, info))
    (article,) = load_dossier([tmp_path]).articles
    assert article.title == "Harbour Cranes Return After Strike"
    assert "Microsoft" not in article.title and "draft" not in article.text


def test_a_truncated_pdf_is_skipped_as_damaged(tmp_path: Path) -> None:
    data = make_pdf(PAGES, INFO)
    write(tmp_path, "half.pdf", data[: len(data) // 2])
    assert skip_reason(tmp_path, "half.pdf").startswith("damaged PDF (")


def test_a_page_of_huge_garbage_is_bounded_and_skipped(tmp_path: Path) -> None:
    # Random bytes the content parser rejects, and well-formed operators by the megabyte that
    # it would parse for many seconds: both end with a reason.
    noise = os.urandom(3_000_000).replace(b"endstream", b"endstreaX")
    write(tmp_path, "noise.pdf", make_pdf([["x"]], raw_streams={0: noise}))
    assert skip_reason(tmp_path, "noise.pdf").startswith("damaged PDF (")
    (tmp_path / "noise.pdf").unlink()
    drawing = b"(abc) Tj 1 2 Td [ (x) 3 (y) ] TJ " * 200_000
    write(tmp_path, "drawing.pdf", make_pdf([["x"]], raw_streams={0: drawing}))
    assert skip_reason(tmp_path, "drawing.pdf") == "damaged PDF (page 1 holds too much drawing to read as text)"


def test_a_pdf_without_text_is_a_scan(tmp_path: Path) -> None:
    write(tmp_path, "scan.pdf", make_pdf([None, None], INFO))
    assert skip_reason(tmp_path, "scan.pdf") == "no text layer (a scanned PDF?)"


def test_an_encrypted_pdf_is_skipped_unless_it_opens_without_a_password(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    def encrypted(user_password: str) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PAGES, INFO))))
        # RC4 needs no cryptography library, which pypdf needs for AES.
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    write(tmp_path / "locked", "locked.pdf", encrypted("secret"))
    assert skip_reason(tmp_path / "locked", "locked.pdf") == "encrypted PDF"
    # Encrypted only to restrict printing or copying: it opens, and reads.
    write(tmp_path / "open", "restricted.pdf", encrypted(""))
    (article,) = load_dossier([tmp_path / "open"]).articles
    assert "international shipping" in article.text


def test_more_pages_than_the_limit_are_noted(tmp_path: Path, monkeypatch) -> None:
    from briefing.ingest.formats import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    write(tmp_path, "cranes.pdf", make_pdf(PAGES, INFO))
    (article,) = load_dossier([tmp_path]).articles
    assert "only the first 2 pages were read" in article.notes
    assert "vote of its members" not in article.text and "backlog of containers" in article.text


def test_json_shows_a_pdf_beside_a_text_article(tmp_path: Path, capsys) -> None:
    from briefing import cli

    write(tmp_path, "cranes.pdf", make_pdf(PAGES, INFO))
    (tmp_path / "ferry.txt").write_text(
        "Ferry Timetable Changes\n\nThe island ferry will sail twice a day from Monday, the operator said on Friday.\n"
    )
    assert cli.main(["json", str(tmp_path), "--no-state"]) == 0
    captured = capsys.readouterr()
    titles = {a["title"] for a in json.loads(captured.out)["articles"]}
    assert titles == {"Harbour Cranes Return After Strike", "Ferry Timetable Changes"}
    assert "Traceback" not in captured.err and "pypdf" not in captured.err


def test_pypdf_warnings_do_not_reach_the_terminal(tmp_path: Path) -> None:
    data = make_pdf(PAGES, INFO)
    # A wrong startxref and xref entry: pypdf repairs both and logs warnings about them.
    damaged = data.replace(b"startxref\n", b"startxref\n1").replace(b"0000000015 00000 n", b"0000000001 00000 n")
    assert damaged != data
    write(tmp_path, "repaired.pdf", damaged)
    # In a child process: pytest's own log capture would hide what a user's terminal shows.
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "json", str(tmp_path), "--no-state"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["articles"][0]["title"] == "Harbour Cranes Return After Strike"
    assert result.stderr == ""


@pytest.mark.parametrize("line", ["3", "- 3 -", "Page 3 of 9", "page 12", "\u2013 7 \u2013", "4/9"])
def test_bare_page_numbers_at_a_page_edge_are_removed(line: str) -> None:
    kept, removed = remove_page_furniture([["Story text that is long enough to count as a line.", line]])
    assert kept == [["Story text that is long enough to count as a line."]]
    assert [r.reason for r in removed] == ["page number"]


def test_a_line_that_repeats_on_under_half_the_pages_is_kept() -> None:
    pages = [
        ["Running Head 1", "Body one."],
        ["Running Head 2", "Body two."],
        ["Body three.", "Body four."],
        ["Body five.", "Body six."],
        ["Body seven.", "Body eight."],
    ]
    kept, removed = remove_page_furniture(pages)
    assert kept == pages and removed == []
    kept, removed = remove_page_furniture(pages[:3])  # two pages of three are most of them
    assert "Running Head 1" not in kept[0] and len(removed) == 2


def test_joining_lines_keeps_real_hyphens_and_splits_paragraphs() -> None:
    lines = [
        "A well-known harbour opened its new quay to the ships of the Baltic",
        "trade on Monday, and the first of the cargo vessels arrived in the",
        "afternoon. Its captain praised the anti-",
        "Corruption office.",
        "The mayor spoke.",
        "",
        "Next paragraph starts here and runs to the end of the document as",
        "one long line after another with no break in it at all until the",
        "very end.",
    ]
    assert join_lines(lines) == [
        (
            "A well-known harbour opened its new quay to the ships of the Baltic trade on Monday, and the first "
            "of the cargo vessels arrived in the afternoon. Its captain praised the anti-Corruption office."
        ),
        "",
        "The mayor spoke.",
        "",
        (
            "Next paragraph starts here and runs to the end of the document as one long line after another "
            "with no break in it at all until the very end."
        ),
        "",
    ]
