"""Writing files: the mode a written file gets, and which names a brief may be written under."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing import output
from briefing.output import BriefFormat, WriteError, brief_format, current_umask, write_atomically


@pytest.fixture
def umask():
    """Set the process umask for one test and restore it afterwards."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_usual_mode_for_the_umask(tmp_path: Path, umask, mask: int, expected: int) -> None:
    umask(mask)
    target = tmp_path / "brief.md"
    write_atomically(target, "# brief\n")
    assert target.read_text() == "# brief\n"
    assert mode(target) == expected
    forced = tmp_path / "forced.md"  # overwrite=True with nothing there yet is a new file too
    write_atomically(forced, "# brief\n", overwrite=True)
    assert mode(forced) == expected


def test_an_overwritten_file_keeps_its_mode(tmp_path: Path, umask) -> None:
    umask(0o022)
    target = tmp_path / "brief.md"
    target.write_text("old")
    target.chmod(0o640)
    write_atomically(target, "new", overwrite=True)
    assert target.read_text() == "new"
    assert mode(target) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


def test_the_umask_is_read_without_proc_too(monkeypatch, umask) -> None:
    umask(0o027)
    assert current_umask() == 0o027

    def no_proc(*args, **kwargs):
        raise FileNotFoundError("/proc/self/status")

    monkeypatch.setattr(output, "open", no_proc, raising=False)
    assert current_umask() == 0o027
    assert os.umask(0o027) == 0o027  # and left as it was


@pytest.mark.parametrize(
    "name",
    [
        "brief.md",
        "brief.MD",
        "brief.markdown",
        "brief.Markdown",
        "brief.txt",
        "brief.TXT",
        "brief",
        "-",
        "notes/2025 brief.md",
        ".hidden",
    ],
)
def test_brief_names_that_are_accepted(name: str) -> None:
    brief_format(Path(name))
    brief_format(name)


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("brief.md", BriefFormat.MARKDOWN),
        ("brief", BriefFormat.MARKDOWN),
        ("brief.html", BriefFormat.HTML),
        ("brief.HTM", BriefFormat.HTML),
        ("brief.md.html", BriefFormat.HTML),
        ("folder.md/brief.docx", BriefFormat.DOCX),
        ("Brief.DOCX", BriefFormat.DOCX),
    ],
)
def test_the_name_of_a_brief_says_its_format(name: str, format: BriefFormat) -> None:
    assert brief_format(Path(name)) is format
    assert brief_format(name, None) is format


@pytest.mark.parametrize("name", ["brief.pdf", "brief.json", "brief.doc", "brief.md.odt"])
def test_brief_names_that_are_refused_say_what_is_accepted(name: str) -> None:
    with pytest.raises(WriteError) as raised:
        brief_format(Path(name))
    message = str(raised.value)
    assert message.startswith(f"cannot write {name}: a brief is Markdown (.md, .markdown, .txt), HTML")
    assert "Word (.docx)" in message and "\n" not in message


def test_format_asked_for_names_a_file_without_extension_and_must_agree_with_one() -> None:
    assert brief_format("-", "html") is BriefFormat.HTML
    assert brief_format("brief", "docx") is BriefFormat.DOCX
    assert brief_format(None, "DOCX") is BriefFormat.DOCX
    assert brief_format(None, None) is BriefFormat.MARKDOWN
    with pytest.raises(WriteError, match=r"brief.md as html: its name says md; name it .html"):
        brief_format("brief.md", "html")
    with pytest.raises(WriteError, match="--format pdf: choose md, html or docx"):
        brief_format("brief", "pdf")


def test_a_refused_name_with_a_newline_is_still_one_line() -> None:
    with pytest.raises(WriteError) as raised:
        brief_format(Path("bad\nname.pdf"))
    assert "\n" not in str(raised.value)


def test_forcing_a_brief_onto_a_device_writes_into_it_and_keeps_the_device(tmp_path: Path) -> None:
    # Renaming a temporary file over /dev/null would have replaced the device with a file.
    link = tmp_path / "brief.md"
    os.symlink(os.devnull, link)
    write_atomically(link, "# Brief\n", overwrite=True)
    assert link.is_symlink() and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_folder_is_never_written_over(tmp_path: Path) -> None:
    (tmp_path / "brief.md").mkdir()
    with pytest.raises(WriteError, match="is a folder"):
        write_atomically(tmp_path / "brief.md", "# Brief\n", overwrite=True)
