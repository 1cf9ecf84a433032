"""Feeds (RSS, Atom), e-mail (.eml, .mbox) and saved pages (.mhtml) read as articles."""

from __future__ import annotations

import base64
import json
from email.message import EmailMessage
from pathlib import Path

from briefing.cli import main
from briefing.ingest.dossier import load_dossier

PROSE = (
    "The harbour authority approved a new breakwater on Tuesday after two years of consultation with fishing "
    "crews and residents of the old town. Engineers said the structure would cut winter wave damage by half "
    "and protect the ferry berth that closed three times last season."
)
MORE = (
    "Work is due to start in the spring and finish before the autumn storms of the following year, "
    "according to the authority's published schedule, which also sets aside money for a new fish market."
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <description>News from the harbour</description>
  <item>
    <title>Breakwater approved after long consultation</title>
    <link>https://gazette.example/breakwater</link>
    <pubDate>Tue, 03 Mar 2026 09:30:00 +0100</pubDate>
    <author>desk@gazette.example (Mara Quint)</author>
    <description>Short teaser that is not the story.</description>
    <content:encoded><![CDATA[<p>{PROSE}</p><p>{MORE}</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable changes for spring</title>
    <link>https://gazette.example/ferry</link>
    <pubDate>Wed, 04 Mar 2026 07:00:00 +0000</pubDate>
    <description>&lt;p&gt;The island ferry will run two extra crossings a day from April, the operator said on Wednesday, after complaints from commuters about crowded morning sailings.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Observer</title>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <updated>2026-02-10T12:00:00Z</updated>
  <entry>
    <title>Dam inspection finds minor cracks</title>
    <link href="https://observer.example/dam"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2026-02-10T12:00:00Z</updated>
    <published>2026-02-09T08:00:00Z</published>
    <author><name>Ilse Varga</name></author>
    <content type="html">&lt;p&gt;Inspectors found minor cracks in the spillway of the valley dam during the annual check on Monday, the water board said, adding that the structure was safe.&lt;/p&gt;&lt;p&gt;Repairs will be made during the dry season when the reservoir is lowest and the spillway is not in use.&lt;/p&gt;</content>
  </entry>
</feed>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item></channel></rss>
"""

NOT_A_FEED = """<?xml version="1.0"?>
<inventory><item sku="12">Bolts</item><item sku="13">Nuts</item></inventory>
"""

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"SECRETPIXELS" * 40


def _message(sender: str, subject: str, date: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["Subject"] = subject
    message["Date"] = date
    return message


def _html_newsletter() -> bytes:
    message = _message(
        "The Morning Desk <news@desk.example>",
        "Council votes to reopen the river baths",
        "Thu, 05 Mar 2026 06:15:00 -0500",
    )
    message["To"] = "reader@example.com"
    message.set_content("Plain version of the newsletter.")
    message.add_alternative(
        "<html><body><p>View this email in your browser</p>"
        "<h1>Council votes to reopen the river baths</h1>"
        "<p>The city council voted on Wednesday to reopen the river baths, closed since a flood damaged the pumps "
        "four years ago, after residents gathered more than ten thousand signatures in support.</p>"
        "<p>The baths will reopen in June with new filters, the council said, and entry will be free for children "
        "under twelve during the first summer season.</p>"
        "<p>You are receiving this email because you signed up for The Morning Desk.</p>"
        "<p>Manage your preferences | Unsubscribe</p>"
        "<p>The Morning Desk, 120 Harbor Street, Springfield, IL 62704</p>"
        "</body></html>",
        subtype="html",
    )
    return bytes(message)


def _plain_newsletter_with_attachment() -> bytes:
    message = _message(
        "rail-bulletin@transit.example", "Night trains return to the northern line", "Fri, 06 Mar 2026 18:00:00 +0000"
    )
    message.set_content(
        "Night trains will return to the northern line from May, the transit agency announced on Friday,\n"
        "ending a three-year pause caused by track renewal work and a shortage of drivers.\n\n"
        "The agency said tickets would go on sale next month and that sleeper cars would be refurbished\n"
        "before the first departures.\n\n"
        "You are receiving this because you subscribed to the Rail Bulletin.\n"
        "Forward to a friend\n"
    )
    message.add_attachment(PNG_BYTES, maintype="image", subtype="png", filename="map.png")
    message.add_attachment(
        b"%PDF-1.4 SECRETPDFTEXT " * 30, maintype="application", subtype="pdf", filename="timetable.pdf"
    )
    return bytes(message)


def _message_without_text() -> bytes:
    message = _message("Scanner <scan@office.example>", "Scanned document", "Sat, 07 Mar 2026 10:00:00 +0000")
    message.add_attachment(PNG_BYTES, maintype="image", subtype="png", filename="scan.png")
    return bytes(message)


def _mbox(*messages: bytes) -> bytes:
    out = b""
    for message in messages:
        out += (
            b"From sender@example.com Thu Mar  5 06:15:00 2026\n"
            + message.replace(b"\r\n", b"\n").rstrip(b"\n")
            + b"\n\n"
        )
    return out


def _eml() -> bytes:
    message = _message(
        "Coastal Weekly <editor@coastal.example>",
        "Lighthouse keepers' cottages sold at auction",
        "Mon, 09 Mar 2026 12:00:00 +0000",
    )
    message.set_content(
        "The three lighthouse keepers' cottages on the headland were sold at auction on Saturday for a\n"
        "combined price well above the guide, the auction house said.\n\n"
        "The new owners must keep the cottages' original stone walls under the conservation order.\n"
    )
    return bytes(message)


def _mhtml() -> bytes:
    html = (
        "<html><head><title>Tram line extension opens</title>"
        "<meta property='og:site_name' content='City Ledger'>"
        "<meta property='article:published_time' content='2026-03-10T08:00:00Z'></head>"
        "<body><article><h1>Tram line extension opens</h1>"
        "<p>The tram line extension to the university opened on Tuesday, cutting the journey from the "
        "station to the campus to twelve minutes, the transport authority said in a statement.</p>"
        "<p>About nine thousand passengers are expected to use the new stops every weekday once term "
        "begins, according to the authority's estimates.</p></article></body></html>"
    )
    quoted = html.replace("=", "=3D")
    return (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://ledger.example/trams\r\n"
        "Subject: Tram line extension opens\r\n"
        "Date: Wed, 11 Mar 2026 20:00:00 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----MultipartBoundary--abc"\r\n\r\n'
        "------MultipartBoundary--abc\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://ledger.example/trams\r\n\r\n"
        f"{quoted}\r\n"
        "------MultipartBoundary--abc\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: https://ledger.example/logo.png\r\n\r\n"
        f"{base64.b64encode(PNG_BYTES).decode()}\r\n"
        "------MultipartBoundary--abc--\r\n"
    ).encode()


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
