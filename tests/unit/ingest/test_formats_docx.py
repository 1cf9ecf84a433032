"""Word (.docx) articles: read with their stated title, date and headings; hostile archives refused."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

from briefing import cli
from briefing.ingest.dossier import load_dossier
from briefing.ingest.formats import docx as docx_reader
from briefing.ingest.load import UnreadableFile

LEDE = (
    "Delegations from both countries met in Geneva on Monday and agreed on a new timetable "
    "for the water treaty talks, officials said after the meeting."
)
SECOND = (
    "The next round will open in Vienna next week, and negotiators expect to settle the "
    "question of the river's spring flow before the summer."
)
BACKGROUND = (
    "The treaty has governed the shared river since 1996, and both sides have asked "
    "for changes to its drought clauses in recent years."
)


def write_article(path: Path, title: str | None = "Water Treaty Talks Resume In Geneva") -> Path:
    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.core_properties.created = dt.datetime(2026, 3, 2, 9, 30)
    document.core_properties.author = "Anna Berg"
    document.add_heading("Talks back on track", level=1)
    document.add_paragraph(LEDE)
    document.add_paragraph(SECOND)
    document.add_heading("A treaty under strain", level=2)
    document.add_paragraph(BACKGROUND)
    document.save(path)
    return path


def test_docx_article_has_its_stated_title_date_and_headings(tmp_path: Path) -> None:
    write_article(tmp_path / "treaty.docx")
    dossier = load_dossier([tmp_path])
    assert not dossier.skipped
    (article,) = dossier.articles
    assert article.title == "Water Treaty Talks Resume In Geneva"
    assert not article.title_derived
    assert (article.published, article.published_from) == (dt.date(2026, 3, 2), "document properties")
    assert article.author == "Anna Berg"
    paragraphs = [(article.text[p.start : p.end], p.heading) for p in article.paragraphs]
    # The Heading 1 above the lede differs from the stated title, so it stays as a heading.
    assert paragraphs == [
        ("Talks back on track", True),
        (LEDE, False),
        (SECOND, False),
        ("A treaty under strain", True),
        (BACKGROUND, False),
    ]
    headed = [article.text[s.start : s.end] for s in article.sentences if s.heading]
    assert headed == ["Talks back on track", "A treaty under strain"]


def test_heading_1_above_the_story_is_the_title_when_no_title_is_stated(tmp_path: Path) -> None:
    path = write_article(tmp_path / "treaty.docx", title=None)
    raw = docx_reader.read_docx(str(path), path.read_bytes())
    assert raw.meta["title"] == "Talks back on track"
    assert raw.lines[0] == LEDE  # the headline is the title, not a line of the story
    assert [raw.lines[i] for i in sorted(raw.heading_lines)] == ["A treaty under strain"]


def test_python_docx_template_defaults_are_not_taken_as_metadata(tmp_path: Path) -> None:
    # A file made from python-docx's template keeps its created date (2013-12-23) and
    # author ("python-docx"): neither says anything about the article.
    document = docx.Document()
    document.add_paragraph(LEDE)
    document.save(tmp_path / "plain.docx")
    raw = docx_reader.read_docx("plain.docx", (tmp_path / "plain.docx").read_bytes())
    assert raw.meta == {}
    assert raw.lines == [LEDE, ""]


def test_a_placeholder_title_is_no_title_in_word_as_in_pdf(tmp_path: Path) -> None:
    # One list serves both readers: a file name, "Untitled" or a printer's "Microsoft Word - ..."
    # is what a tool filled in, whichever kind of file carries it.
    for placeholder in ("draft-v2.docx", "Untitled", "Microsoft Word - notes.docx", "Document3"):
        document = docx.Document()
        document.core_properties.title = placeholder
        document.add_paragraph(LEDE)
        document.save(tmp_path / "placeholder.docx")
        raw = docx_reader.read_docx("placeholder.docx", (tmp_path / "placeholder.docx").read_bytes())
        assert "title" not in raw.meta, placeholder


def test_table_cells_are_read_as_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(LEDE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Upstream share"
    table.cell(0, 1).text = "Downstream share"
    table.cell(0, 0).merge(table.cell(0, 1))  # one cell spanning two columns is read once
    document.save(tmp_path / "table.docx")
    raw = docx_reader.read_docx("table.docx", (tmp_path / "table.docx").read_bytes())
    assert [line for line in raw.lines if line] == [LEDE, "Upstream share", "Downstream share"]


def test_json_shows_a_docx_article_beside_a_text_article(tmp_path: Path) -> None:
    write_article(tmp_path / "treaty.docx")
    (tmp_path / "vienna.txt").write_text(
        "Vienna Round Opens\n\nMarch 9, 2026\n\nNegotiators opened the Vienna round of the water treaty "
        "talks on Monday, a week after the meeting in Geneva.\n"
    )
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(["json", str(tmp_path), "--no-state"])
    assert status == 0
    articles = {Path(a["path"]).name: a for a in json.loads(out.getvalue())["articles"]}
    assert set(articles) == {"treaty.docx", "vienna.txt"}
    assert articles["treaty.docx"]["title"] == "Water Treaty Talks Resume In Geneva"
    assert articles["treaty.docx"]["published"] == "2026-03-02"
    assert LEDE in articles["treaty.docx"]["text"]
    assert articles["vienna.txt"]["title"] == "Vienna Round Opens"


def write_zip_bomb(path: Path, member_sizes_mb: list[int]) -> None:
    """A .docx whose members are zeros of the given sizes, written in 1 MB chunks so the test
    never holds a whole member in memory; the first member is word/document.xml."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, size_mb in enumerate(member_sizes_mb):
            name = "word/document.xml" if number == 0 else f"word/media/image{number}.bin"
            with archive.open(name, "w", force_zip64=True) as member:
                for _ in range(size_mb):
                    member.write(chunk)


@pytest.mark.parametrize(
    "member_sizes_mb",
    [
        [300],  # one member far past the size limit
        [50],  # under the size limit, but 50 MB of zeros compress a thousandfold
        [10] * 21,  # no member large enough for the ratio check, but 210 MB in all
    ],
    ids=["huge-member", "high-ratio", "many-members-total"],
)
def test_zip_bomb_is_refused_without_being_decompressed(tmp_path: Path, monkeypatch, member_sizes_mb) -> None:
    write_zip_bomb(tmp_path / "bomb.docx", member_sizes_mb)
    assert (tmp_path / "bomb.docx").stat().st_size < 2 * 1024 * 1024

    # The guard must decide from the zip directory: reading a member to find its size
    # would already be the damage.
    def no_reading(*args, **kwargs):
        raise AssertionError("a member of the zip bomb was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    dossier = load_dossier([tmp_path])
    assert not dossier.articles
    assert [(Path(s.path).name, s.reason) for s in dossier.skipped] == [
        ("bomb.docx", "Word file expands too far; refused (a zip bomb?)")
    ]


def test_many_small_members_are_refused_as_a_zip_bomb(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(docx_reader.MAX_MEMBERS):
            archive.writestr(f"word/media/{number}.bin", b"")
    with pytest.raises(UnreadableFile, match=r"^Word file expands too far; refused \(a zip bomb\?\)$"):
        docx_reader.read_docx("many.docx", buffer.getvalue())


@pytest.mark.parametrize(
    "name, make, reason",
    [
        ("truncated.docx", lambda data: data[: len(data) // 2], "not a Word document (not a zip archive)"),
        (
            "plain.docx",
            lambda data: f"Water Treaty Talks\n\n{LEDE}\n".encode(),
            "not a Word document (not a zip archive)",
        ),
    ],
)
def test_broken_docx_is_skipped_with_one_line_reason(tmp_path: Path, name: str, make, reason: str) -> None:
    good = write_article(tmp_path / "good.docx")
    (tmp_path / name).write_bytes(make(good.read_bytes()))
    good.unlink()
    dossier = load_dossier([tmp_path])
    assert not dossier.articles
    assert [(s.path, s.reason) for s in dossier.skipped] == [(str(tmp_path / name), reason)]


def test_zip_without_document_xml_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")  # an OpenDocument file renamed .docx
    (tmp_path / "renamed.docx").write_bytes(buffer.getvalue())
    dossier = load_dossier([tmp_path])
    assert [s.reason for s in dossier.skipped] == ["not a Word document (no word/document.xml)"]


def test_damaged_document_xml_is_reported_as_damaged(tmp_path: Path) -> None:
    good = write_article(tmp_path / "good.docx")
    broken = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            target.writestr(member, b"<w:document><unclosed" if member.filename == "word/document.xml" else data)
    good.unlink()
    (tmp_path / "damaged.docx").write_bytes(broken.getvalue())
    (reason,) = [s.reason for s in load_dossier([tmp_path]).skipped]
    assert reason.startswith("damaged Word document (") and "\n" not in reason
