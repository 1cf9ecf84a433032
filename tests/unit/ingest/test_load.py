"""Finding files, decoding them, and reading Markdown, HTML and front matter."""

from __future__ import annotations

from pathlib import Path

from support.dossiers import DOSSIERS

from briefing.ingest.dossier import load_dossier, read_config
from briefing.ingest.load import decode, discover, read_document

STORY = "Officials met in Geneva on Monday to discuss the water treaty. Both sides said the talks were useful.\n"


def test_discover_walks_folders_and_reports_what_it_skips(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text(STORY)
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / "notes.odt").write_text("x")
    (tmp_path / "briefing.toml").write_text('title = "T"')
    found = discover([tmp_path])
    assert [p.name for p in found.files] == ["a.txt", "b.md"]
    reasons = {Path(s.path).name: s.reason for s in found.skipped}
    assert reasons[".hidden.txt"] == "hidden file"
    assert "unsupported" in reasons["notes.odt"]
    assert [c.name for c in found.configs] == ["briefing.toml"]


def test_missing_path_is_skipped_with_a_reason(tmp_path: Path) -> None:
    found = discover([tmp_path / "nope"])
    assert found.files == []
    assert found.skipped[0].reason == "no such file or folder"


def test_markdown_front_matter_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Treaty talks resume\ndate: 2024-03-05\nsource: Alpine Post\nurl: https://alpine.example/t\n---\n\n"
        "# Treaty talks resume\n\nOfficials met in **Geneva** on [Monday](https://x.example).\n\n## Background\n\nThe treaty dates from 1960.\n"
    )
    dossier = load_dossier([path])
    article = dossier.articles[0]
    assert article.title == "Treaty talks resume"
    assert article.published.isoformat() == "2024-03-05"
    assert article.source == "Alpine Post"
    assert article.url == "https://alpine.example/t"
    assert "Officials met in Geneva on Monday." in article.text
    assert "**" not in article.text and "](" not in article.text
    headings = [article.text[p.start : p.end] for p in article.paragraphs if p.heading]
    assert headings == ["Background"]


def test_html_reads_the_article_not_the_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Site | Talks</title><meta property='og:site_name' content='Lake Herald'>"
        "<meta property='article:published_time' content='2024-06-01T10:00:00Z'><script>var x = 'Secret Script';</script></head>"
        "<body><nav>Home World Sport</nav><article><h1>Lake talks end</h1><p>Delegates from both shores agreed on new fishing quotas, "
        "officials said on Saturday after three days of negotiations in the lakeside town.</p><p>The agreement still needs approval "
        "from both parliaments, which meet again in the autumn session.</p></article><footer>All rights reserved</footer></body></html>"
    )
    article = load_dossier([path]).articles[0]
    assert article.title == "Lake talks end"
    assert article.source == "Lake Herald"
    assert article.published.isoformat() == "2024-06-01"
    assert "fishing quotas" in article.text
    for furniture in ("Secret Script", "Home World Sport", "All rights reserved"):
        assert furniture not in article.text


def test_legacy_encodings_are_decoded_and_named() -> None:
    russian = "Переговоры в Стамбуле продолжились в четверг вечером."
    text, note = decode(russian.encode("cp1251"))
    assert text == russian and "1251" in note
    text, note = decode("Café déjà vu à Genève".encode("cp1252"))
    assert text == "Café déjà vu à Genève" and note
    text, note = decode("\ufeffBOM text".encode("utf-8"))
    assert text == "BOM text" and note is None
    text, note = decode("Größe".encode("utf-16"))
    assert text == "Größe" and note is None


def test_crlf_and_control_characters_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(
        b"Talks end\r\n\r\nThe \x1b[31mred\x1b[0m delegates\x07 left Geneva on Monday after the talks ended.\r"
    )
    doc = read_document(path)
    assert all("\r" not in line and "\x1b" not in line and "\x07" not in line for line in doc.lines)


def test_empty_and_binary_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "good.txt").write_text(STORY)
    dossier = load_dossier([tmp_path])
    assert len(dossier.articles) == 1
    reasons = {Path(s.path).name: s.reason for s in dossier.skipped}
    assert reasons == {"empty.txt": "empty file", "image.txt": "binary file (PNG image), not text"}


def test_briefing_toml_is_read_and_problems_are_reported(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        'title = "Water"\n[[issues]]\nname = "quotas"\nsignals = ["quota", "catch limit"]\n[[issues]]\nsignals = ["x"]\n'
    )
    config = read_config(good)
    assert config.title == "Water"
    assert [(i.name, i.signals) for i in config.issues] == [("quotas", ("quota", "catch limit"))]
    assert any("issue 2 has no name" in p for p in config.problems)
    broken = tmp_path / "broken.toml"
    broken.write_text('title = "unclosed\n')
    config = read_config(broken)
    assert config.title is None and config.issues == ()
    assert "broken.toml" in config.problems[0] and "line 1" in config.problems[0]


def test_parallel_loading_reads_exactly_what_sequential_loading_reads(monkeypatch) -> None:
    from briefing.ingest import dossier as dossier_module
    from briefing.paths import seeds_dir

    sequential = load_dossier([seeds_dir(), DOSSIERS])
    monkeypatch.setattr(dossier_module, "PARALLEL_FROM", 2)  # use the process pool even for a few files
    parallel = load_dossier([seeds_dir(), DOSSIERS])
    assert parallel.articles == sequential.articles
    assert parallel.skipped == sequential.skipped
