"""Hostile and broken input: every file loads or is skipped with a reason; nothing hangs or leaks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from support.pdfmake import make_pdf

from briefing.ingest.dossier import load_dossier
from briefing.ingest.load import display_path

STORY = (
    "Officials in Geneva said on Monday that the water treaty talks would resume next week, "
    "after negotiators from both countries agreed on a new timetable for the meetings."
)


def build_folder(root: Path) -> dict[str, str]:
    """Every odd case in one folder; returns {file name: expected outcome ("loads" or a skip reason)}."""
    expected: dict[str, str] = {}

    def write(name: str | bytes, data: bytes, outcome: str) -> None:
        path = os.path.join(os.fsencode(root), name if isinstance(name, bytes) else os.fsencode(name))
        with open(path, "wb") as handle:
            handle.write(data)
        expected[display_path(os.fsdecode(path)).rsplit("/", 1)[-1]] = outcome

    write("good.txt", f"Treaty Talks Resume\n\nMarch 4, 2024\n\n{STORY}\n".encode(), "loads")
    write("empty.txt", b"", "empty file")
    write("blank.txt", b"  \n\t\n   \n", "empty file")
    write("nul.txt", b"Some text\x00\x00\x01 with NUL bytes " * 20, "binary file, not text")
    write("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "binary file (PDF), not text")
    write("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "binary file (PNG image), not text")
    write("spaces in name.txt", f"Talks In Geneva\n\n{STORY}\n".encode(), "loads")
    write("line\nbreak.txt", f"Talks Again\n\n{STORY}\n".encode(), "loads")
    write(b"caf\xe9-latin1-name.txt", f"Cafe Talks\n\n{STORY}\n".encode(), "loads")
    write(
        "russian-1251.txt",
        "Переговоры в Женеве\n\nВ понедельник делегации обсудили договор о воде и договорились о новом графике встреч.\n".encode(
            "cp1251"
        ),
        "loads",
    )
    write(
        "french-1252.txt",
        "Négociations à Genève\n\nLes délégués se sont réunis lundi à Genève pour négocier le traité sur l'eau déjà évoqué.\n".encode(
            "cp1252"
        ),
        "loads",
    )
    write("utf16.txt", f"Treaty Talks UTF16\n\n{STORY}\n".encode("utf-16"), "loads")
    write("bom.txt", b"\xef\xbb\xbf" + f"Treaty Talks BOM\n\n{STORY}\n".encode(), "loads")
    write("crlf.txt", f"Treaty Talks CRLF\r\n\r\n{STORY}\r\n".encode(), "loads")
    write("lone-cr.txt", f"Treaty Talks CR\r\r{STORY}\r".encode(), "loads")
    write(
        "escapes.txt",
        (
            "Escape \x1b[31mRed\x1b[0m Title\n\n"
            "Officials said \x1b]8;;https://evil.example\x07a link\x1b]8;;\x07 and \x1b]52;c;SGVsbG8=\x07 a clipboard write "
            "and a bell\x07 and back\x08space and \u202eevil\u202c bidi text in Geneva on Monday, Ser\u200bgei Lav\u200brov said.\n"
        ).encode(),
        "loads",
    )
    write("front.md", f"---\ntitle Missing colon\n---\n\n{STORY}\n".encode(), "loads")
    write(
        "impossible.txt",
        f"Impossible Dates\n\nFebruary 30, 2025\n\nOn 32 March and February 30, 2025, {STORY}\n".encode(),
        "loads",
    )
    write(
        "markup.txt",
        f"Markup [bold]Title[/bold]\n\nOfficials wrote [@click=app.quit]x[/] and [link=file:///etc/passwd]z[/link]. {STORY}\n".encode(),
        "loads",
    )
    write("huge.txt", b"Huge File\n\n" + (STORY.encode() + b"\n\n") * 60_000, "loads")
    write("one-line.txt", b"Single Line\n\n" + b"The delegates from the U.S. met again. " * 80_000, "loads")
    write("notes.docx", b"PK\x03\x04", "not a Word document (not a zip archive)")
    whole_pdf = make_pdf([[STORY[:70], STORY[70:]]], {"Title": "Treaty Talks Resume"})
    write("cut-short.pdf", whole_pdf[: len(whole_pdf) // 2], "damaged PDF (stream has ended unexpectedly)")
    write(".hidden.txt", STORY.encode(), "hidden file")
    (root / "folder.txt").mkdir()
    (root / "folder.txt" / "inside.txt").write_text(f"Inside A Folder\n\n{STORY}\n")
    expected["inside.txt"] = "loads"
    os.mkfifo(root / "fifo.txt")
    expected["fifo.txt"] = "not a regular file (a FIFO)"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "sock.txt"))
    expected["sock.txt"] = "not a regular file (a socket)"
    os.symlink("/dev/null", root / "device.txt")
    expected["device.txt"] = "not a regular file (a device)"
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    expected["dangling.txt"] = "broken symbolic link"
    os.symlink(root / "loop-b.txt", root / "loop-a.txt")
    os.symlink(root / "loop-a.txt", root / "loop-b.txt")
    expected["loop-a.txt"] = expected["loop-b.txt"] = "symbolic link loop"
    os.symlink(root, root / "self-link")  # a folder link back to the top: must not be walked
    return expected


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "hostile"
    root.mkdir()
    return root, build_folder(root)


def test_every_file_loads_or_is_skipped_with_its_reason(hostile) -> None:
    root, expected = hostile
    dossier = load_dossier([root])
    loaded = {Path(a.path).name for a in dossier.articles}
    skipped = {Path(s.path).name: s.reason for s in dossier.skipped}
    for name, outcome in expected.items():
        if outcome == "loads":
            assert name in loaded, name
        else:
            assert skipped.get(name) == outcome, name
    assert loaded | set(skipped) == set(expected)  # nothing else, and nothing twice


def test_decoding_and_control_characters(hostile) -> None:
    root, _ = hostile
    by_name = {Path(a.path).name: a for a in load_dossier([root]).articles}
    assert by_name["russian-1251.txt"].title == "Переговоры в Женеве"
    assert any("1251" in note for note in by_name["russian-1251.txt"].notes)
    assert by_name["french-1252.txt"].title == "Négociations à Genève"
    for name in ("utf16.txt", "bom.txt", "crlf.txt", "lone-cr.txt"):
        assert by_name[name].title.startswith("Treaty Talks") and not by_name[name].notes
        assert "\r" not in by_name[name].text
    escapes = by_name["escapes.txt"]
    assert escapes.title == "Escape Red Title"
    for bad in ("\x1b", "\x07", "\x08", "\u202e", "\u200b", "]52;", "]8;"):
        assert bad not in escapes.text
    assert "Sergei Lavrov" in escapes.text


def test_large_input_is_capped_and_reported(hostile) -> None:
    root, _ = hostile
    by_name = {Path(a.path).name: a for a in load_dossier([root], max_chars=50_000).articles}
    for name in ("huge.txt", "one-line.txt"):
        article = by_name[name]
        assert len(article.text) <= 50_000
        assert any("50,000 characters" in note for note in article.notes)


def test_headless_commands_on_the_hostile_folder(hostile) -> None:
    root, expected = hostile
    run = lambda: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "briefing", "json", str(root)],
        capture_output=True,
        timeout=300,
        env={**os.environ, "PYTHONHASHSEED": "random"},
    )
    first, second = run(), run()
    assert first.returncode == 0
    assert first.stdout == second.stdout  # deterministic, whatever the hash seed
    stderr = first.stderr.decode()
    assert "Traceback" not in stderr
    skipped_lines = [line for line in stderr.splitlines() if line.startswith("briefing: skipped ")]
    assert len(skipped_lines) == sum(1 for outcome in expected.values() if outcome != "loads")
    # Every skip is one line, "briefing: skipped PATH: reason", whatever the name holds.
    assert all(line.count(": ") >= 2 for line in skipped_lines)
    data = json.loads(first.stdout)
    blob = first.stdout.decode()
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in blob
    texts = " ".join(a["text"] for a in data["articles"])
    assert "[@click=app.quit]x[/]" in texts and "[link=file:///etc/passwd]z[/link]" in texts
    brief = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(root), "-o", "-"], capture_output=True, timeout=300
    )
    assert brief.returncode == 0 and b"\x1b" not in brief.stdout


def test_a_fifo_named_on_the_command_line_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "json", str(tmp_path / "pipe.txt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "not a regular file (a FIFO)" in result.stderr and "Traceback" not in result.stderr


def test_write_failures_are_one_line_and_leave_the_old_file(tmp_path: Path, monkeypatch) -> None:
    import errno

    from briefing import output
    from briefing.output import WriteError, write_atomically

    target = tmp_path / "brief.md"
    target.write_text("the old brief")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", disk_full)
    with pytest.raises(WriteError, match="the disk is full"):
        write_atomically(target, "new", overwrite=True)
    assert target.read_text() == "the old brief"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]  # no temporary file left behind
    monkeypatch.undo()

    def no_permission(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", no_permission)
    with pytest.raises(WriteError, match="permission denied"):
        write_atomically(target, "new", overwrite=True)
    assert target.read_text() == "the old brief"


def test_internal_errors_are_one_line_unless_debug(monkeypatch, capsys) -> None:
    from briefing import cli, dossier

    def broken(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr(dossier, "build_index", broken)
    assert cli.main(["json"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "something broke" in err and "--debug" in err and "Traceback" not in err
    assert cli.main(["json", "--debug"]) == 70
    assert "Traceback" in capsys.readouterr().err
