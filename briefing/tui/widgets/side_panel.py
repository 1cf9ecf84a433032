"""The side panel: key facts, open issues, entities, timeline and differences, all from the index."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList, Sparkline, TabbedContent, TabPane, Tabs
from textual.widgets.option_list import Option

from briefing.index import DocumentIndex
from briefing.language.text import shorten
from briefing.model import Fact, OpenIssue
from briefing.store.state import DossierState
from briefing.tui.widgets.article_list import VIM_BINDINGS
from briefing.tui.widgets.reader import KIND_STYLES
from briefing.views.brief import cite, human_date

TABS = ("facts", "issues", "entities", "timeline", "differences")
# Tab labels from the longest to the shortest: the side panel shows the longest set that
# fits its width, so the tab bar never scrolls a tab out of sight.
TAB_LABELS = (
    ("1 Facts", "2 Issues", "3 Entities", "4 Timeline", "5 Differences"),
    ("1 Facts", "2 Issues", "3 Names", "4 Events", "5 Diffs"),
    ("1 Fact", "2 Iss", "3 Ent", "4 Time", "5 Diff"),
    ("1", "2", "3", "4", "5"),
)
TAB_PADDING = 2  # each tab's label is padded by one cell on either side
# Each tab lists the strongest items first; past this many, the rest is counted, not listed,
# so that filling the panel never stalls the screen on a dossier of thousands of articles.
MAX_ITEMS = 500


def two_line_row(head: str, body: str = "", head_style: str = "bold") -> Content:
    """A heading line in `head_style`, then a plain body line (if any)."""
    text = f"{head}\n{body}" if body else head
    spans = [Span(0, len(head), head_style)]
    return Content(text, spans=spans)


def _tags(head: str, starred: bool, new: bool) -> tuple[str, list[Span]]:
    """`head` with a leading star and a trailing NEW, and the spans that colour them."""
    star = "\u2605 " if starred else ""
    tag = " NEW" if new else ""
    text = f"{star}{head}{tag}"
    spans = [Span(0, len(text) - len(tag), "bold")]
    if tag:
        spans.append(Span(len(text) - len(tag), len(text), "bold $success"))
    return text, spans


def fact_row(index: DocumentIndex, number: int, state: DossierState | None) -> Content:
    """A key fact: its sources, then the fact; starred if its quoted sentence is, NEW if it gained a source."""
    fact: Fact = index.facts[number]
    lead = fact.evidence[0]
    text = index.article(lead.article).text[lead.start : lead.end]
    starred = bool(state and state.is_starred_sentence(lead.article, text))
    new = bool(state and any(state.is_new(a) for a in fact.sources))
    head, spans = _tags(f"{cite(fact.sources)} {len(fact.sources)} sources", starred, new)
    return Content(f"{head}\n{shorten(fact.text, 40)}", spans=spans)


def issue_row(index: DocumentIndex, issue: OpenIssue, state: DossierState | None) -> Content:
    """An open issue, its status and sources, then its latest development."""
    latest, starred = "", False
    if issue.latest:
        sentence = index.article(issue.latest.article).text[issue.latest.start : issue.latest.end]
        latest = f"{human_date(issue.latest_date)}: {shorten(sentence, 30)}"
        starred = bool(state and state.is_starred_sentence(issue.latest.article, sentence))
    new = bool(state and any(state.is_new(a) for a in issue.articles))
    head, spans = _tags(
        f"{issue.name}{' (proposed)' if issue.proposed else ''} \u2014 {issue.status} {cite(issue.articles)}",
        starred,
        new,
    )
    return Content(f"{head}\n{latest}" if latest else head, spans=spans)


def _more(options: OptionList, total: int) -> None:
    if total > MAX_ITEMS:
        note = f"\u2026 and {total - MAX_ITEMS:,} more (search finds them)"
        options.add_option(Option(Content(note, spans=[Span(0, len(note), "$text-muted")]), disabled=True))


class PanelList(OptionList):
    """A list in the side panel whose options name what they stand for ("fact-3", "entity-person:x")."""

    BINDINGS = VIM_BINDINGS


class SidePanel(Vertical):
    """Five tabs over the shared index; choosing an item posts Chosen with its id."""

    ALLOW_MAXIMIZE = True

    index: DocumentIndex | None = None
    state: DossierState | None = None

    @dataclass
    class Chosen(Message):
        """An item was chosen: `kind` is fact, issue, entity, event or difference."""

        kind: str
        key: str

    def compose(self) -> ComposeResult:
        with TabbedContent(initial="facts", id="side-tabs"):
            labels = TAB_LABELS[0]
            with TabPane(labels[0], id="facts"):
                yield PanelList(id="facts-list")
            with TabPane(labels[1], id="issues"):
                yield PanelList(id="issues-list")
            with TabPane(labels[2], id="entities"):
                yield PanelList(id="entities-list")
            with TabPane(labels[3], id="timeline"):
                yield Sparkline([], id="coverage")
                yield PanelList(id="timeline-list")
            with TabPane(labels[4], id="differences"):
                yield PanelList(id="differences-list")

    def on_mount(self) -> None:
        # Tab moves between the three panes; the tab bar is reached with 1-5 or a click.
        self.query_one(Tabs).can_focus = False

    def on_resize(self) -> None:
        width = self.content_size.width
        labels = next((set_ for set_ in TAB_LABELS if sum(len(l) + TAB_PADDING for l in set_) <= width), TAB_LABELS[-1])
        tabs = self.query_one(TabbedContent)
        for tab, label in zip(TABS, labels):
            tab_widget = tabs.get_tab(tab)
            if tab_widget.label_text != label:
                tab_widget.label = label

    @property
    def active(self) -> str:
        """The tab shown."""
        return self.query_one(TabbedContent).active

    @active.setter
    def active(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def show(self, index: DocumentIndex, state: DossierState | None = None) -> None:
        """Fill every tab from the index (with the reader's stars and what is new, if given)."""
        self.index, self.state = index, state
        facts = self.query_one("#facts-list", PanelList)
        facts.clear_options()
        facts.add_options(
            Option(fact_row(index, n, state), id=f"fact-{n}") for n in range(min(len(index.facts), MAX_ITEMS))
        )
        _more(facts, len(index.facts))
        issues = self.query_one("#issues-list", PanelList)
        issues.clear_options()
        issues.add_options(Option(issue_row(index, issue, state), id=f"issue-{issue.name}") for issue in index.issues)
        entities = self.query_one("#entities-list", PanelList)
        entities.clear_options()
        for kind in ("person", "organization", "place"):
            every = [e for e in index.entities if e.kind == kind]
            members = every[:MAX_ITEMS]
            if not members:
                continue
            entities.add_option(
                Option(
                    Content(f"{kind.title()}s ({len(every)})", spans=[Span(0, len(kind) + 1, "bold underline")]),
                    disabled=True,
                )
            )
            for entity in members:
                details = []
                if entity.aliases:
                    details.append("also " + ", ".join(entity.aliases[:4]))
                if entity.roles:
                    details.append("; ".join(shorten(r.text, 10) for r in entity.roles[:3]))
                head = f"{entity.name} \u00b7 {len(entity.mentions)} mentions in {len(entity.articles)}"
                entities.add_option(
                    Option(two_line_row(head, " \u2014 ".join(details), KIND_STYLES[kind]), id=f"entity-{entity.id}")
                )
        timeline = self.query_one("#timeline-list", PanelList)
        timeline.clear_options()
        timeline.add_options(
            Option(two_line_row(f"{human_date(e.date, e.precision)} {cite(e.sources)}", e.summary), id=f"event-{n}")
            for n, e in enumerate(index.events[:MAX_ITEMS])
        )
        _more(timeline, len(index.events))
        per_day = Counter(a.published for a in index.articles if a.published)
        if per_day:
            first, last = min(per_day), max(per_day)
            span = (last - first).days + 1
            buckets = min(span, 60)
            counts = [0] * buckets
            for day, count in per_day.items():
                counts[min(buckets - 1, (day - first).days * buckets // span)] += count
            self.query_one("#coverage", Sparkline).data = counts
        differences = self.query_one("#differences-list", PanelList)
        differences.clear_options()
        for n, difference in enumerate(index.discrepancies[:MAX_ITEMS]):
            body = " \u00b7 ".join(f"{shorten(v.text, 10)} {cite(v.sources)}" for v in difference.variants)
            differences.add_option(
                Option(two_line_row(difference.about[:1].upper() + difference.about[1:], body), id=f"difference-{n}")
            )

        _more(differences, len(index.discrepancies))

    def refresh_item(self, option_id: str) -> None:
        """Redraw one fact or issue after its star changed."""
        kind, _, key = option_id.partition("-")
        if kind == "fact":
            self.query_one("#facts-list", PanelList).replace_option_prompt(
                option_id, fact_row(self.index, int(key), self.state)
            )
        elif kind == "issue":
            issue = next(i for i in self.index.issues if i.name == key)
            self.query_one("#issues-list", PanelList).replace_option_prompt(
                option_id, issue_row(self.index, issue, self.state)
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, key = (event.option.id or "").partition("-")
        if kind:
            self.post_message(self.Chosen(kind, key))
