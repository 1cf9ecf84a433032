"""One file of every kind an analyst's material arrives as, in one folder: the app lists and
reads each of them beside a plain text article, and `briefing json` carries their metadata."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
from support.app import opened, reader_text, run
from support.mail import ATOM, _eml, _mbox, _mhtml, _plain_newsletter_with_attachment
from support.pdfmake import make_pdf

from briefing.cli import main
from briefing.tui.widgets.article_list import ArticleList
from briefing.tui.widgets.reader import Reader

PDF_FIRST = "Inspectors closed the old swing bridge over the canal on Friday after divers found"
PDF_SECOND = "cracks in two of its piers, the city's engineering office said in a statement."

# title → (publication date, outlet) as each file states them; None where the file states none.
EXPECTED = {
    "Swing bridge closed after pier cracks": ("2026-03-06", None),
    "Ferry berth reopens after repairs": ("2026-03-07", None),
    "Dam inspection finds minor cracks": ("2026-02-09", "Valley Observer"),
    "Lighthouse keepers' cottages sold at auction": ("2026-03-09", "Coastal Weekly"),
    "Tram line extension opens": ("2026-03-10", "City Ledger"),
    "Canal towpath reopens": ("2026-03-08", None),
}


def _folder(root: Path) -> Path:
    root.mkdir()
    (root / "bridge.pdf").write_bytes(
        make_pdf(
            [["Canal Courier - Page 1", PDF_FIRST, "1"], ["Canal Courier - Page 2", PDF_SECOND, "2"]],
            {"Title": "Swing bridge closed after pier cracks", "CreationDate": "D:20260306090000"},
        )
    )
    word = docx.Document()
    word.core_properties.title = "Ferry berth reopens after repairs"
    word.core_properties.created = dt.datetime(2026, 3, 7, 9, 0)
    word.add_paragraph(
        "The ferry berth at the north quay reopened on Saturday after three weeks of repairs "
        "to its ramp, the port company said, and the first crossing left on time."
    )
    word.save(root / "berth.docx")
    (root / "observer.atom").write_text(ATOM)
    (root / "auction.eml").write_bytes(_eml())
    (root / "trams.mhtml").write_bytes(_mhtml())
    (root / "newsletters.mbox").write_bytes(_mbox(_plain_newsletter_with_attachment()))
    (root / "towpath.txt").write_text(
        "Canal towpath reopens\n\nMarch 8, 2026\n\nThe canal towpath between the two locks reopened on Sunday "
        "after the bridge inspectors finished their work on the banks, the city said.\n"
    )
    return root


def test_json_gives_every_kind_its_title_date_and_outlet(tmp_path: Path, capsys) -> None:
    folder = _folder(tmp_path / "dossier")
    assert main(["json", str(folder), "--no-state"]) == 0
    articles = json.loads(capsys.readouterr().out)["articles"]
    stated = {a["title"]: (a["published"], a["source"]) for a in articles}
    for title, expected in EXPECTED.items():
        assert stated[title] == expected, title
    assert any(a["path"].endswith("newsletters.mbox#1") for a in articles)


def test_the_app_lists_and_reads_every_kind(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "dossier")

    async def scenario() -> None:
        async with opened([str(folder)], use_state=False) as (app, pilot):
            listed = app.screen.query_one(ArticleList)
            titles = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
            for title in EXPECTED:
                assert any(title in row for row in titles), title
            # The PDF's story reads across its page break, without its running header or page numbers.
            bridge = next(a for a in app.screen.index.articles if a.title == "Swing bridge closed after pier cracks")
            row = next(
                i for i in range(listed.option_count) if listed.get_option_at_index(i).id == f"article-{bridge.id}"
            )
            listed.highlighted = row
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.query_one(Reader).article_id == bridge.id
            shown = " ".join(reader_text(app).split())
            assert "divers found cracks in two of its piers" in shown
            assert "Canal Courier - Page" not in shown

    run(scenario())
