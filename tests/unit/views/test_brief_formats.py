"""The brief as HTML and as Word: pinned for the seeds, the same choice as the Markdown, and
nothing an article or a note says becomes markup or script."""

from __future__ import annotations

import datetime as dt
import html.parser
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.dossiers import TESTS
from support.word import docx_outline

from briefing.output import BriefFormat
from briefing.store.state import StateStore
from briefing.views.brief import ALL_SECTIONS, coverage_chart, make_brief, render_brief
from briefing.views.document import Citations, SectionKind
from briefing.views.formats import write_brief
from briefing.views.formats.html import to_html
from briefing.views.formats.markdown import to_markdown
from briefing.views.formats.word import to_docx

GOLDEN_HTML = TESTS / "golden" / "seeds-brief.html"
GOLDEN_DOCX = TESTS / "golden" / "seeds-brief.docx.txt"


def golden(path: Path, made: str) -> str:
    if os.environ.get("BRIEFING_UPDATE_GOLDEN"):
        path.write_text(made, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_seed_html_brief_matches_the_reviewed_golden_file(seeds) -> None:
    made = to_html(make_brief(seeds))
    assert made == golden(GOLDEN_HTML, made)


def test_seed_word_brief_matches_the_reviewed_golden_outline(seeds) -> None:
    made = docx_outline(to_docx(make_brief(seeds)))
    assert made == golden(GOLDEN_DOCX, made)


class Page(html.parser.HTMLParser):
    """What a browser would build from the page: its elements, attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)

    def handle_data(self, data) -> None:
        self.text.append(data)


def parsed(page: str) -> Page:
    reader = Page()
    reader.feed(page)
    return reader


# Everything the HTML writer makes; anything else came from the dossier.
WRITER_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "section", "ul", "ol", "li", "strong",
    "code", "a", "span", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "div", "i",
    "svg", "line", "rect", "text", "g", "circle",
}  # fmt: skip


def test_html_brief_is_self_contained_and_every_citation_reaches_its_source(seeds) -> None:
    page = write_brief(make_brief(seeds), BriefFormat.HTML)
    assert isinstance(page, str)
    found = parsed(page)
    assert "script" not in found.tags and "link" not in found.tags and "img" not in found.tags
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.split("<body>")[0])  # nothing fetched
    assert "@media print" in page and "Content-Security-Policy" in page
    targets = {value for tag, name, value in found.attributes if tag == "a" and name == "href"}
    cited = {t[1:] for t in targets if t and t.startswith("#")}
    assert cited and cited <= found.ids  # [n] links to the sources list
    assert any(t and t.startswith("https://www.themoscowtimes.com/") for t in targets)  # and the list to the source
    assert found.tags.count("svg") == 1 and found.tags.count("rect") >= 2  # the coverage chart


HOSTILE_TITLE = 'Talks </title><script>alert("title")</script> resume'
HOSTILE_QUOTE = '"><img src=x onerror=alert(1)> said the <b onmouseover="steal()">minister</b> & co'


def hostile_dossier(make_dossier):
    story = (
        f"{HOSTILE_TITLE}\n\nMarch 4, 2024\n\n"
        f"The Harbour Council in Rotterdam said {HOSTILE_QUOTE} on Monday about the port strike talks. "
        "The council said <script>fetch('//evil.example')</script> was typed into its statement by mistake. "
        "Dock workers in Rotterdam said 300 ships were waiting outside the port on March 4, 2024.\n\n"
        "Original url: javascript:alert(1)\n"
    )
    second = story.replace("300 ships", "280 ships").replace("Talks", "Strike talks")
    return make_dossier({"a.txt": story, "b.txt": second.replace("Original url: javascript:alert(1)", "")})


def test_markup_from_titles_quotes_and_notes_is_shown_never_run(make_dossier, tmp_path: Path) -> None:
    index = hostile_dossier(make_dossier)
    state = StateStore(tmp_path / "state.sqlite3").open_dossier(index, ["hostile"], record_visit=False)
    state.set_note(index.articles[0].id, 'Check <script>alert("note")</script> and "><svg onload=x> \x07bell')
    brief = make_brief(index, state)
    page = to_html(brief)
    found = parsed(page)
    assert set(found.tags) <= WRITER_TAGS  # no element came from the dossier
    for _tag, name, value in found.attributes:
        assert not name.startswith("on"), name  # no handler came from it
        assert "javascript:" not in (value or "")
    text = "".join(found.text)
    assert '<script>alert("note")</script>' in text  # the note is shown as the analyst wrote it
    assert "</title><script>" in text  # so is the headline
    assert "\x07" not in page
    # Word holds the same characters as text.
    outline = docx_outline(to_docx(brief))
    assert '<script>alert("note")</script>' in outline and "\x07" not in outline


def test_every_format_writes_the_same_choice_of_sections(seeds) -> None:
    without = frozenset(ALL_SECTIONS - {SectionKind.TIMELINE, SectionKind.PEOPLE})
    brief = make_brief(seeds, words=400, sections=without)
    kinds = [s.kind for s in brief.sections]
    assert SectionKind.TIMELINE not in kinds and SectionKind.PEOPLE not in kinds and SectionKind.FACTS in kinds
    markdown, page, outline = to_markdown(brief), to_html(brief), docx_outline(to_docx(brief))
    headings = [s.heading for s in brief.sections if s.heading]
    assert re.findall(r"^## (.+)$", markdown, re.M) == headings
    assert re.findall(r"<h2>(.+?)</h2>", page) == headings
    assert re.findall(r"^\[Heading 2\] (.+)$", outline, re.M) == headings
    assert render_brief(seeds, words=400, sections=without) == markdown


def test_word_brief_has_the_issues_as_a_table_and_citations_as_superscripts(seeds) -> None:
    from docx import Document

    brief = make_brief(seeds)
    document = Document(io.BytesIO(to_docx(brief)))
    assert len(document.tables) == 1
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["Issue", "Status", "Latest development", "Sources"]
    assert len(document.tables[0].rows) == 1 + len(seeds.issues)
    superscripts = [r.text for p in document.paragraphs for r in p.runs if r.font.superscript]
    assert superscripts and all(re.fullmatch(r"\d+(, \d+)*( \+\d+)?", s) for s in superscripts)
    assert document.paragraphs[-1].text.startswith(("5.", "1 further"))  # the sources close it
    assert document.core_properties.title == brief.title


def test_citations_of_many_sources_are_capped_in_every_format() -> None:
    from briefing.views.document import BriefDocument, BulletList, Paragraph, Section, Words

    line = (Words("A figure many outlets report "), Citations((1, 2, 3, 4, 5), 7))
    section = Section(SectionKind.FACTS, "Key facts", (BulletList((line,)),))
    brief = BriefDocument("T", Paragraph(((Words("1 article"),),), emphasis=True), (section,))
    assert "[1][2][3][4][5] +7 more" in to_markdown(brief)
    assert "[5]</a> +7 more</span>" in to_html(brief)
    assert "^{1, 2, 3, 4, 5 +7}" in docx_outline(to_docx(brief))


def test_coverage_chart_counts_every_dated_article_once_and_groups_long_spans(make_dossier) -> None:
    files = {}
    for n in range(30):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=n * 9)
        outlet = ["Reuters", "AP", "BBC"][n % 3]
        files[f"{n:02d}.txt"] = (
            f"Harbour strike report {n}\n\n{day:%B} {day.day}, {day.year}\n\nSource: {outlet}\n\n"
            f"Dock workers in Rotterdam continued the strike on {day:%B} {day.day}, {day.year}, the union said.\n"
        )
    index = make_dossier(files)
    chart = coverage_chart(index, list(index.events))
    assert chart is not None
    assert chart.unit == "week"  # 262 days is too many bars of a day
    dated = sum(1 for a in index.articles if a.published)
    assert sum(sum(counts) for _, counts in chart.series) == dated
    assert all(start.weekday() == 0 for start in chart.starts)  # weeks start on Monday
    assert all(0 <= event.bin < len(chart.starts) for event in chart.events)


def test_a_dossier_with_one_dated_article_has_no_chart(make_dossier) -> None:
    index = make_dossier({"a.txt": "One report\n\nMarch 4, 2024\n\nThe union in Rotterdam said the strike went on.\n"})
    assert make_brief(index).chart is None
    assert "<svg" not in to_html(make_brief(index))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt install chromium)")
def test_html_brief_renders_and_prints_on_one_page_in_a_real_browser(seeds, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page = tmp_path / "brief.html"
    page.write_text(to_html(make_brief(seeds)), encoding="utf-8")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    assert CHROMIUM is not None
    for paper, css in (("letter", ""), ("a4", "@page { size: A4; }")):
        printed = tmp_path / f"brief-{paper}.html"
        printed.write_text(page.read_text(encoding="utf-8").replace("@media print {", "@media print { " + css, 1))
        pdf = tmp_path / f"brief-{paper}.pdf"
        subprocess.run(
            [CHROMIUM, *flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", printed.as_uri()],
            capture_output=True,
            timeout=120,
            check=False,
        )
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1, paper
        assert "Bottom line" in reader.pages[0].extract_text().replace("BOTTOM LINE", "Bottom line")
    png = tmp_path / "brief.png"
    subprocess.run(
        [CHROMIUM, *flags, "--window-size=900,1400", f"--screenshot={png}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
