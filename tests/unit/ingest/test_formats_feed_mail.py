"""Feeds (RSS, Atom), e-mail (.eml, .mbox) and saved pages (.mhtml) read as articles."""

from __future__ import annotations

import json
from pathlib import Path

from support.mail import (
    ATOM,
    BILLION_LAUGHS,
    NOT_A_FEED,
    PROSE,
    RSS,
    _eml,
    _html_newsletter,
    _mbox,
    _message_without_text,
    _mhtml,
    _plain_newsletter_with_attachment,
)

from briefing.cli import main
from briefing.ingest.dossier import load_dossier


def _by_title(dossier):
    return {article.title: article for article in dossier.articles}


def test_rss_entries_are_articles_with_feed_metadata(tmp_path: Path) -> None:
    (tmp_path / "gazette.rss").write_text(RSS)
    articles = _by_title(load_dossier([tmp_path]))
    full = articles["Breakwater approved after long consultation"]
    assert full.published.isoformat() == "2026-03-03"
    assert full.published_from == "feed entry"
    assert full.source == "Harbour Gazette"
    assert full.url == "https://gazette.example/breakwater"
    assert "approved a new breakwater" in full.text and "fish market" in full.text
    assert "teaser" not in full.text  # content:encoded is the story; the description only its teaser
    assert "feed entry has only a summary" not in full.notes
    summary_only = articles["Ferry timetable changes for spring"]
    assert summary_only.published.isoformat() == "2026-03-04"
    assert "two extra crossings" in summary_only.text and "<p>" not in summary_only.text
    assert "feed entry has only a summary" in summary_only.notes
    assert {a.path for a in articles.values()} == {f"{tmp_path / 'gazette.rss'}#1", f"{tmp_path / 'gazette.rss'}#2"}


def test_atom_entry_is_an_article(tmp_path: Path) -> None:
    (tmp_path / "observer.atom").write_text(ATOM)
    (article,) = load_dossier([tmp_path]).articles
    assert article.title == "Dam inspection finds minor cracks"
    assert article.published.isoformat() == "2026-02-09"  # published, not the later update
    assert article.source == "Valley Observer"
    assert article.author == "Ilse Varga"
    assert article.url == "https://observer.example/dam"
    assert "minor cracks in the spillway" in article.text


def test_mbox_newsletters_lose_their_furniture_and_attachments(tmp_path: Path) -> None:
    (tmp_path / "inbox.mbox").write_bytes(_mbox(_html_newsletter(), _plain_newsletter_with_attachment()))
    dossier = load_dossier([tmp_path])
    articles = _by_title(dossier)
    assert not dossier.skipped
    html = articles["Council votes to reopen the river baths"]
    assert html.source == "The Morning Desk"
    assert html.published.isoformat() == "2026-03-05"  # the sender's own day, not UTC's
    assert html.published_from == "message header"
    assert "reopen the river baths" in html.text and "free for children" in html.text
    assert "Plain version" not in html.text  # the HTML alternative is preferred
    for furniture in ("browser", "receiving this", "preferences", "Unsubscribe", "Harbor Street"):
        assert furniture not in html.text
    removed = [line.text for line in html.removed if line.reason == "newsletter furniture"]
    assert any("Harbor Street" in line for line in removed)
    assert any("receiving this" in line for line in removed)

    plain = articles["Night trains return to the northern line"]
    assert plain.source == "rail-bulletin@transit.example"
    assert plain.published.isoformat() == "2026-03-06"
    assert "Night trains will return" in plain.text and "sleeper cars" in plain.text
    assert "receiving this" not in plain.text and "Forward to a friend" not in plain.text
    assert any("Forward to a friend" in line.text for line in plain.removed if line.reason == "newsletter furniture")
    for attachment in ("SECRETPIXELS", "SECRETPDFTEXT", "PNG", "iVBOR", "JVBER"):
        assert attachment not in plain.text
        assert not any(attachment in line.text for line in plain.removed)


def test_eml_is_one_article(tmp_path: Path) -> None:
    (tmp_path / "auction.eml").write_bytes(_eml())
    (article,) = load_dossier([tmp_path]).articles
    assert article.title == "Lighthouse keepers' cottages sold at auction"
    assert article.source == "Coastal Weekly"
    assert article.published.isoformat() == "2026-03-09"
    assert article.path == str(tmp_path / "auction.eml")
    # Wrapped lines of a plain-text message are one paragraph, as in a .txt file.
    assert "sold at auction on Saturday for a combined price" in article.text


def test_mhtml_saved_page_is_read_as_the_page(tmp_path: Path) -> None:
    (tmp_path / "trams.mhtml").write_bytes(_mhtml())
    (article,) = load_dossier([tmp_path]).articles
    assert article.title == "Tram line extension opens"
    assert article.url == "https://ledger.example/trams"
    assert article.source == "City Ledger"
    assert article.published.isoformat() == "2026-03-10"  # the page's date, not the day it was saved
    assert "cutting the journey" in article.text and "=3D" not in article.text
    assert "SECRETPIXELS" not in article.text


def test_hostile_feeds_are_skipped_with_their_reason(tmp_path: Path) -> None:
    (tmp_path / "lol.rss").write_text(BILLION_LAUGHS)
    (tmp_path / "inventory.xml").write_text(NOT_A_FEED)
    (tmp_path / "gazette.rss").write_text(RSS)
    dossier = load_dossier([tmp_path])
    reasons = {Path(s.path).name: s.reason for s in dossier.skipped}
    assert reasons == {
        "lol.rss": "feed declares XML entities; refused (entity expansion)",
        "inventory.xml": "XML that is not an RSS or Atom feed",
    }
    assert len(dossier.articles) == 2


def test_mbox_message_without_text_is_skipped_and_the_others_load(tmp_path: Path) -> None:
    (tmp_path / "inbox.mbox").write_bytes(_mbox(_eml(), _message_without_text(), _plain_newsletter_with_attachment()))
    dossier = load_dossier([tmp_path])
    assert [(Path(s.path).name, s.reason) for s in dossier.skipped] == [("inbox.mbox#2", "message has no text part")]
    assert sorted(a.title for a in dossier.articles) == [
        "Lighthouse keepers' cottages sold at auction",
        "Night trains return to the northern line",
    ]


def test_json_lists_feed_and_mail_articles_beside_text(tmp_path: Path, capsys) -> None:
    (tmp_path / "gazette.rss").write_text(RSS)
    (tmp_path / "observer.atom").write_text(ATOM)
    (tmp_path / "inbox.mbox").write_bytes(_mbox(_html_newsletter(), _plain_newsletter_with_attachment()))
    (tmp_path / "auction.eml").write_bytes(_eml())
    (tmp_path / "trams.mhtml").write_bytes(_mhtml())
    (tmp_path / "note.txt").write_text("Bridge repairs finish early\n\n" + PROSE.replace("breakwater", "bridge") + "\n")
    assert main(["json", str(tmp_path), "--no-state"]) == 0
    listed = json.loads(capsys.readouterr().out)["articles"]
    assert {Path(a["path"]).name for a in listed} == {
        "gazette.rss#1",
        "gazette.rss#2",
        "observer.atom#1",
        "inbox.mbox#1",
        "inbox.mbox#2",
        "auction.eml",
        "trams.mhtml",
        "note.txt",
    }
    sources = {Path(a["path"]).name: a["source"] for a in listed}
    assert sources["gazette.rss#2"] == "Harbour Gazette" and sources["inbox.mbox#1"] == "The Morning Desk"


def test_binary_bytes_named_eml_are_skipped_not_read_as_text(tmp_path: Path) -> None:
    # Not random: a fixed pattern of every byte value, so the test reads the same each run.
    (tmp_path / "noise.eml").write_bytes(bytes(range(256)) * 12)
    (tmp_path / "auction.eml").write_bytes(_eml())
    dossier = load_dossier([tmp_path])
    assert [(Path(s.path).name, s.reason) for s in dossier.skipped] == [
        ("noise.eml", "message body is binary, not text")
    ]
    assert [a.title for a in dossier.articles] == ["Lighthouse keepers' cottages sold at auction"]


def test_entry_and_message_caps_report_what_was_left_out(tmp_path: Path, monkeypatch) -> None:
    from briefing.ingest.formats import feed, mail

    monkeypatch.setattr(feed, "MAX_ENTRIES", 1)
    monkeypatch.setattr(mail, "MAX_MESSAGES", 1)
    (tmp_path / "gazette.rss").write_text(RSS)
    (tmp_path / "inbox.mbox").write_bytes(_mbox(_eml(), _plain_newsletter_with_attachment()))
    dossier = load_dossier([tmp_path])
    assert sorted(Path(a.path).name for a in dossier.articles) == ["gazette.rss#1", "inbox.mbox#1"]
    reasons = {Path(s.path).name: s.reason for s in dossier.skipped}
    assert reasons == {
        "gazette.rss#2": "feed has 2 entries; only the first 1 were read, 1 left out",
        "inbox.mbox#2": "mailbox has 2 messages; only the first 1 were read, 1 left out",
    }
