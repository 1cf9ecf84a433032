"""Feeds, messages and saved pages made at test time."""

from __future__ import annotations

import base64
from email.message import EmailMessage

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
