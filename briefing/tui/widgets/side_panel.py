"""The side panel: key facts, open issues, entities, timeline and differences, all from the index."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList, Sparkline, TabbedContent, TabPane, Tabs
from textual.widgets.option_list import Option

from briefing.index import DocumentIndex
from briefing.index.queries import coverage_histogram
from briefing.language.text import shorten
from briefing.model import Discrepancy, Entity, Event, Fact, OpenIssue
from briefing.store.state import DossierState
from briefing.tui.format import KIND_STYLES, cite, human_date, tagged, two_line_row
from briefing.tui.keys import LIST_KEYS

Finding = Fact | OpenIssue | Entity | Event | Discrepancy
"""What a row of the side panel stands for."""

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


def fact_row(index: DocumentIndex, fact: Fact, state: DossierState | None) -> Content:
    """A key fact: its sources, then the fact; starred if its quoted sentence is, NEW if it gained a source."""
    lead = fact.evidence[0]
    text = index.article(lead.article).text[lead.start : lead.end]
    starred = bool(state and state.is_starred_sentence(lead.article, text))
    new = bool(state and any(state.is_new(a) for a in fact.sources))
    head, spans = tagged(f"{cite(fact.sources)} {len(fact.sources)} sources", starred, new)
    return Content(f"{head}\n{shorten(fact.text, 40)}", spans=spans)


def issue_row(index: DocumentIndex, issue: OpenIssue, state: DossierState | None) -> Content:
    """An open issue, its status and sources, then its latest development."""
    latest, starred = "", False
    if issue.latest:
        sentence = index.article(issue.latest.article).text[issue.latest.start : issue.latest.end]
        latest = f"{human_date(issue.latest_date)}: {shorten(sentence, 30)}"
        starred = bool(state and state.is_starred_sentence(issue.latest.article, sentence))
    new = bool(state and any(state.is_new(a) for a in issue.articles))
    head, spans = tagged(
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
    """A list in the side panel (or a screen's list of findings), moved through with vim keys too."""

    BINDINGS = LIST_KEYS


class SidePanel(Vertical):
    """Five tabs over the shared index; choosing an item posts the message of its kind, carrying it."""

    ALLOW_MAXIMIZE = True

    @dataclass
    class FactChosen(Message):
        """A key fact was chosen."""

        fact: Fact

    @dataclass
    class IssueChosen(Message):
        """An open issue was chosen."""

        issue: OpenIssue

    @dataclass
    class EntityChosen(Message):
        """A person, organisation or place was chosen."""

        entity: Entity

    @dataclass
    class EventChosen(Message):
        """An event of the timeline was chosen."""

        event: Event

    @dataclass
    class DifferenceChosen(Message):
        """A difference between the sources was chosen."""

        difference: Discrepancy

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index: DocumentIndex | None = None
        self.state: DossierState | None = None
        self.findings: dict[str, Finding] = {}
        """What each option stands for, by its id: the one place an option id is understood."""

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
        labels = next(
            (labels for labels in TAB_LABELS if sum(len(label) + TAB_PADDING for label in labels) <= width),
            TAB_LABELS[-1],
        )
        tabs = self.query_one(TabbedContent)
        for tab, label in zip(TABS, labels, strict=True):
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

    def _option(self, prompt: Content, option_id: str, finding: Finding) -> Option:
        self.findings[option_id] = finding
        return Option(prompt, id=option_id)

    def show(self, index: DocumentIndex, state: DossierState | None = None) -> None:
        """Fill every tab from the index (with the reader's stars and what is new, if given)."""
        self.index, self.state, self.findings = index, state, {}
        facts = self.query_one("#facts-list", PanelList)
        facts.clear_options()
        facts.add_options(
            self._option(fact_row(index, fact, state), f"fact-{n}", fact)
            for n, fact in enumerate(index.facts[:MAX_ITEMS])
        )
        _more(facts, len(index.facts))
        issues = self.query_one("#issues-list", PanelList)
        issues.clear_options()
        issues.add_options(
            self._option(issue_row(index, issue, state), f"issue-{issue.name}", issue) for issue in index.issues
        )
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
                    self._option(
                        two_line_row(head, " \u2014 ".join(details), KIND_STYLES[kind]), f"entity-{entity.id}", entity
                    )
                )
        timeline = self.query_one("#timeline-list", PanelList)
        timeline.clear_options()
        timeline.add_options(
            self._option(
                two_line_row(f"{human_date(e.date, e.precision)} {cite(e.sources)}", e.summary), f"event-{n}", e
            )
            for n, e in enumerate(index.events[:MAX_ITEMS])
        )
        _more(timeline, len(index.events))
        coverage = coverage_histogram(index)
        if coverage:
            self.query_one("#coverage", Sparkline).data = coverage
        differences = self.query_one("#differences-list", PanelList)
        differences.clear_options()
        for n, difference in enumerate(index.discrepancies[:MAX_ITEMS]):
            body = " \u00b7 ".join(f"{shorten(v.text, 10)} {cite(v.sources)}" for v in difference.variants)
            differences.add_option(
                self._option(
                    two_line_row(difference.about[:1].upper() + difference.about[1:], body),
                    f"difference-{n}",
                    difference,
                )
            )

        _more(differences, len(index.discrepancies))

    def finding_under_cursor(self, options: OptionList) -> Finding | None:
        """What the highlighted row of one of the panel's lists stands for (None for a heading,
        the "more" line, or a list that is not the panel's)."""
        if options.highlighted is None or self not in options.ancestors:
            return None
        return self.findings.get(options.get_option_at_index(options.highlighted).id or "")

    def redraw_under_cursor(self, options: OptionList) -> None:
        """Redraw the highlighted fact or issue after its star changed."""
        finding = self.finding_under_cursor(options)
        if self.index is None or finding is None or options.highlighted is None:
            return
        option_id = options.get_option_at_index(options.highlighted).id or ""
        if isinstance(finding, Fact):
            options.replace_option_prompt(option_id, fact_row(self.index, finding, self.state))
        elif isinstance(finding, OpenIssue):
            options.replace_option_prompt(option_id, issue_row(self.index, finding, self.state))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self.findings.get(event.option.id or "")
        if isinstance(finding, Fact):
            self.post_message(self.FactChosen(finding))
        elif isinstance(finding, OpenIssue):
            self.post_message(self.IssueChosen(finding))
        elif isinstance(finding, Entity):
            self.post_message(self.EntityChosen(finding))
        elif isinstance(finding, Event):
            self.post_message(self.EventChosen(finding))
        elif isinstance(finding, Discrepancy):
            self.post_message(self.DifferenceChosen(finding))
