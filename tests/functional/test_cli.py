"""The headless commands as a user runs them: exit codes, files, JSON, and no Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.dossiers import DOSSIERS


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_export_to_stdout_uses_the_bundled_dossier() -> None:
    result = run("export", "-o", "-")
    assert result.returncode == 0
    assert result.stdout.startswith("# US\u2013Russia embassy talks in Istanbul")


def test_export_writes_a_file_and_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    assert run("export", str(DOSSIERS / "quake"), "-o", str(target)).returncode == 0
    assert target.read_text().startswith("# ")
    target.write_text("my notes")
    result = run("export", str(DOSSIERS / "quake"), "-o", str(target))
    assert result.returncode == 1
    assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "my notes"
    assert run("export", str(DOSSIERS / "quake"), "-o", str(target), "--force").returncode == 0
    assert target.read_text().startswith("# ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]  # no temporary files left


def test_export_default_name_is_title_and_date(tmp_path: Path) -> None:
    result = run("export", str(DOSSIERS / "openai"), cwd=tmp_path)
    assert result.returncode == 0
    [written] = list(tmp_path.iterdir())
    assert written.name.startswith("openai-leadership-crisis-november-2023-") and written.suffix == ".md"


def test_export_into_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    result = run("export", "-o", str(tmp_path / "nope" / "b.md"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr


def test_an_exported_brief_gets_the_usual_permissions(tmp_path: Path) -> None:
    import stat

    target = tmp_path / "brief.md"
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(DOSSIERS / "quake"), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        umask=0o022,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    assert run("export", str(DOSSIERS / "quake"), "-o", str(target), "--force").returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_export_refuses_a_name_that_is_no_brief_format_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    result = run("export", str(DOSSIERS / "quake"), "-o", str(target))
    assert result.returncode == 1
    assert result.stderr == (
        f"briefing: cannot write {target}: a brief is Markdown (.md, .markdown, .txt), HTML (.html, .htm) "
        "or Word (.docx); name the file with one of these\n"
    )
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []
    for name in ("brief.MARKDOWN", "brief.txt", "brief"):
        assert run("export", str(DOSSIERS / "quake"), "-o", str(tmp_path / name)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief", "brief.MARKDOWN", "brief.txt"]


def test_export_writes_the_format_its_name_says(tmp_path: Path) -> None:
    quake = str(DOSSIERS / "quake")
    assert run("export", quake, "-o", str(tmp_path / "brief.html")).returncode == 0
    assert run("export", quake, "-o", str(tmp_path / "brief.docx")).returncode == 0
    assert run("export", quake, "-o", str(tmp_path / "plain"), "--format", "html").returncode == 0
    assert (tmp_path / "brief.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "plain").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "brief.docx").read_bytes()[:2] == b"PK"  # a zip: Word's container
    default = run("export", quake, "--format", "docx", cwd=tmp_path)
    assert default.returncode == 0 and default.stderr.strip().endswith(".docx")
    mismatch = run("export", quake, "-o", str(tmp_path / "b.md"), "--format", "docx")
    assert mismatch.returncode == 1 and "its name says md" in mismatch.stderr and not (tmp_path / "b.md").exists()


def test_export_sections_and_words_apply_to_every_format(tmp_path: Path) -> None:
    import re

    from briefing.views.brief import brief_words

    chosen = ("-o", "-", "--sections", "facts,issues", "--words", "350")  # on the seeds
    markdown = run("export", *chosen).stdout
    html = run("export", *chosen, "--format", "html").stdout
    assert "## Key facts" in markdown and "## Timeline" not in markdown and brief_words(markdown) <= 350
    assert "dated events" not in markdown  # a section left out is not "no room" either
    assert "<h2>Key facts</h2>" in html and "<h2>Timeline</h2>" not in html
    assert "<svg" not in html  # the chart is a section too, not chosen here
    facts_md = re.findall(r"^\d+\. ", markdown.split("## Key facts")[1].split("## ")[0], re.M)
    facts_html = html.split('<section class="facts">')[1].split("</section>")[0].count("<li ")
    assert facts_md and len(facts_md) == facts_html  # one choice of facts, written twice
    bad = run("export", "--sections", "facts,gossip")
    assert bad.returncode == 1 and bad.stderr.startswith("briefing: --sections: no section 'gossip'")


def test_json_has_the_documented_fields_and_offsets_point_into_text() -> None:
    result = run("json", str(DOSSIERS / "openai"))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    article = data["articles"][0]
    assert {
        "id",
        "path",
        "title",
        "title_derived",
        "source",
        "url",
        "published",
        "words",
        "removed_lines",
        "text",
    } <= set(article)
    entity = data["entities"][0]
    assert {"id", "name", "kind", "aliases", "roles", "mentions"} <= set(entity)
    assert {"article", "start", "end", "text", "value"} <= set(data["dates"][0])
    assert {"date", "summary", "sources"} <= set(data["events"][0])
    assert {"name", "status", "latest", "mentions"} <= set(data["issues"][0])
    assert {"about", "variants"} <= set(data["discrepancies"][0])
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            surface = texts[mention["article"]][mention["start"] : mention["end"]]
            assert surface.replace("\u2019", "'") in {entity["name"], *entity["aliases"]}
    for date in data["dates"]:
        assert texts[date["article"]][date["start"] : date["end"]] == date["text"]


def test_output_is_deterministic() -> None:
    assert run("json").stdout == run("json").stdout


def test_usage_errors_and_empty_dossiers(tmp_path: Path) -> None:
    assert run("export", "--no-such-flag").returncode == 2
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02")
    result = run("json", str(tmp_path))
    assert result.returncode == 1
    assert "skipped" in result.stderr and "no readable article" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_version_and_help() -> None:
    from briefing import __version__

    assert run("--version").stdout.strip() == f"briefing {__version__}"
    assert "export" in run("--help").stdout


def test_the_core_and_headless_commands_never_import_textual() -> None:
    code = (
        "import sys, io, contextlib\n"
        "import briefing.index, briefing.views.brief, briefing.views.serialize\n"
        "from briefing.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        # --no-cache: the analysis cache is SQLite too, and a run without it loads no database.
        "    main(['export', '-o', '-', '--no-cache']); main(['json', '--no-cache'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "assert 'rich' not in sys.modules, 'rich was imported'\n"
        # No reading state is stored yet (a private XDG_DATA_HOME): the database is not even loaded.
        "assert 'sqlite3' not in sys.modules, 'sqlite3 was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_progress_shows_on_a_terminal_and_stays_out_of_redirected_stderr(tmp_path: Path) -> None:
    import os
    import pty

    for n in range(320):
        (tmp_path / f"{n:03d}.txt").write_text(
            f"Harbour Update {n}\n\nMarch {n % 28 + 1}, 2024\n\nDock workers in Rotterdam said on Monday that talks on shift {n} would resume.\n"
        )
    quiet = run("json", str(tmp_path))
    assert quiet.returncode == 0 and quiet.stderr == ""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        # --no-cache: the run above keeps the analysis, and a dossier taken from it reads no file.
        [sys.executable, "-m", "briefing", "json", str(tmp_path), "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=120) == 0
    os.close(controller)
    assert b"reading 300/320 files" in seen and b"analysing: " in seen


def _summary_feed(entries: int) -> str:
    items = "".join(
        f"<item><title>Ferry crews strike, day {n}</title><link>https://wire.example/{n}</link>"
        f"<pubDate>Tue, 0{n} Mar 2026 09:00:00 +0100</pubDate><description>Ferry crews walked out again on day {n} "
        "after talks on a new pay deal collapsed, the union said on Tuesday.</description></item>"
        for n in range(1, entries + 1)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def test_a_note_many_articles_share_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "few.rss").write_text(_summary_feed(2))
    assert run("json", str(tmp_path), "--no-state").stderr.count("feed entry has only a summary") == 2  # a line each
    (tmp_path / "few.rss").write_text(_summary_feed(6))
    lines = [line for line in run("json", str(tmp_path), "--no-state").stderr.splitlines() if "only a summary" in line]
    assert len(lines) == 1 and "6 articles" in lines[0] and "4 more" in lines[0]


def test_an_existing_output_is_refused_before_the_dossier_is_read(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("my notes")
    # No dossier at all: had it been read first, the complaint would be that nothing was found.
    result = run("export", str(tmp_path / "no-such-folder"), "-o", str(target))
    assert result.returncode == 1
    assert "already exists" in result.stderr and "no readable article" not in result.stderr
    assert target.read_text() == "my notes"


def test_cache_command_shows_fills_and_clears_the_remembered_analysis(tmp_path: Path) -> None:
    empty = run("cache")
    assert empty.returncode == 0 and "0 files read, 0 dossiers analysed" in empty.stdout
    assert run("json", str(DOSSIERS / "quake"), "--no-cache").returncode == 0
    assert "0 files read, 0 dossiers analysed" in run("cache").stdout  # --no-cache keeps nothing
    first = run("json", str(DOSSIERS / "quake"))
    shown = run("cache").stdout
    assert "dossiers analysed" in shown and "0 dossiers analysed" not in shown
    assert "0 files read" not in shown
    assert run("json", str(DOSSIERS / "quake")).stdout == first.stdout  # served from the cache
    cleared = run("cache", "--clear")
    assert cleared.returncode == 0 and "cleared" in cleared.stderr
    assert "0 files read, 0 dossiers analysed" in run("cache").stdout


def test_a_cache_that_cannot_be_used_is_one_line_and_the_command_still_works(tmp_path: Path) -> None:
    import os

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = {**os.environ, "XDG_CACHE_HOME": str(blocker)}
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(DOSSIERS / "quake"), "-o", "-"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.startswith("# ")
    problems = [line for line in result.stderr.splitlines() if "cache" in line]
    assert len(problems) == 1 and "analysing without it" in problems[0] and "Traceback" not in result.stderr
