"""Command line: `briefing [PATH ...]`, `briefing export`, `briefing json`.

Only the app imports Textual; the headless commands read the core and nothing else.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path

from briefing import __version__
from briefing.language.text import printable

EXIT_OK = 0
EXIT_NO_ARTICLES = 1
EXIT_FETCH_FAILED = 1  # like a file that cannot be written: something the user asked for was not done


class UserError(Exception):
    """A problem the user can fix; reported as one line, never a traceback."""


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1000:
        raise argparse.ArgumentTypeError("must be at least 1000")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    from briefing.ingest.dossier import DEFAULT_MAX_CHARS

    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or folders (default: the bundled sample dossier)"
    )
    parser.add_argument(
        "--max-chars",
        type=_positive,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"analyse at most N characters of each article's story (default {DEFAULT_MAX_CHARS:,})",
    )
    parser.add_argument(
        "--no-state",
        action="store_true",
        help="do not read or write the reader state (read, starred, notes, what is new)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse everything afresh, neither using nor keeping remembered analysis (see 'briefing cache')",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks, for bug reports")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a folder of news articles into a briefing you can read, navigate and hand on.",
        epilog="Commands: 'briefing export [PATH ...]' writes the one-page brief (Markdown, HTML or Word); "
        "'briefing json [PATH ...]' prints the whole index as JSON; 'briefing state' shows, exports and "
        "imports notes and stars; 'briefing cache' shows or clears the remembered analysis; 'briefing fetch URL ...' "
        "downloads pages into a dossier folder (the only command that uses the network); 'briefing serve' "
        "serves the app to a web browser on this computer. "
        "Run 'briefing export --help' for details.",
    )
    _common(parser)
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="colour theme (briefing-dark, briefing-light, briefing-high-contrast, or your own)",
    )
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing export",
        description="Write the one-page brief: Markdown, a self-contained HTML page, or a Word document.",
    )
    _common(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write: FILE.md (or .markdown, .txt), FILE.html (or .htm), FILE.docx, or '-' for "
        "standard output; the name says the format (default: the dossier title and today's date)",
    )
    parser.add_argument(
        "--format",
        metavar="FORMAT",
        help="md, html or docx, for standard output or a name without an extension (default: md)",
    )
    parser.add_argument(
        "--sections",
        metavar="LIST",
        help="the sections to include, comma-separated, from: " + ", ".join(_SECTION_NAMES) + " "
        "(default: all; the bottom line and the sources are always included; chart is the HTML brief's "
        "coverage over time)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.add_argument(
        "--words",
        metavar="N",
        default=None,
        help="the brief's length in words (default 600, at least 150); shortened sections "
        "say how many more items the app and 'briefing json' hold",
    )
    return parser


_SECTION_NAMES = ("notes", "facts", "issues", "timeline", "people", "differences", "chart")


def _brief_sections(text: str | None) -> tuple[frozenset, bool]:
    """The --sections value as (the brief's optional sections, whether to draw the chart), or one error line."""
    from briefing.views.document import OPTIONAL_SECTIONS

    if text is None:
        return frozenset(OPTIONAL_SECTIONS), True
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in _SECTION_NAMES]
    if unknown:
        raise UserError(f"--sections: no section {printable(unknown[0])!r}; choose from {', '.join(_SECTION_NAMES)}")
    return frozenset(kind for kind in OPTIONAL_SECTIONS if kind.value in names), "chart" in names


def _brief_words(text: str | None) -> int:
    """The --words value, or one clear error line."""
    from briefing.views.brief import MAX_WORDS, MIN_WORDS

    if text is None:
        return MAX_WORDS
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise UserError(f"--words: {text!r} is not a whole number") from None
    if value < MIN_WORDS:
        raise UserError(
            f"--words must be at least {MIN_WORDS}: a shorter brief has no room for its bottom line and sources"
        )
    return value


def _json_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing json", description="Print the whole index as JSON on standard output."
    )
    _common(parser)
    return parser


def _state_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing state",
        description="Where the reader state lives and what it holds; move notes and stars between machines as JSON.",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--export", metavar="FILE", help="write every note and star to FILE as JSON ('-' for standard output)"
    )
    action.add_argument(
        "--import",
        dest="import_from",
        metavar="FILE",
        help="merge notes and stars from FILE (a note that differs from yours is added below it)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite the --export FILE if it exists")
    parser.add_argument("--debug", action="store_true", help="show tracebacks, for bug reports")
    return parser


def _cache_parser() -> argparse.ArgumentParser:
    from briefing.store.cache import DEFAULT_LIMIT_MB, LIMIT_VARIABLE

    parser = argparse.ArgumentParser(
        prog="briefing cache",
        description="Where the remembered analysis lives and how big it is. Each file's reading and each "
        "dossier's analysis are kept, keyed by their content and briefing's version, so that a dossier "
        "opened again unchanged opens at once; the least recently used are dropped past the size limit "
        f"(${LIMIT_VARIABLE} megabytes, default {DEFAULT_LIMIT_MB:,}).",
    )
    parser.add_argument("--clear", action="store_true", help="drop everything remembered")
    parser.add_argument("--debug", action="store_true", help="show tracebacks, for bug reports")
    return parser


def _cache(args: argparse.Namespace) -> int:
    from briefing.store.cache import AnalysisCache

    cache = AnalysisCache()
    if args.clear:
        freed = cache.clear()
        print(f"briefing: cleared {printable(str(cache.folder))} ({_megabytes(freed)})", file=sys.stderr)
        return EXIT_OK
    usage = cache.usage()
    made = "" if usage.folder.exists() else " (not made yet)"
    print(f"cache: {printable(str(usage.folder))}{made}")
    print(
        f"{usage.readings:,} files read, {usage.indexes:,} dossiers analysed, "
        f"{_megabytes(usage.size)} of {_megabytes(usage.limit)}"
    )
    if cache.problem:
        print(f"briefing: {printable(cache.problem)}", file=sys.stderr)
    return EXIT_OK


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"


def _fetch_parser() -> argparse.ArgumentParser:
    from briefing.ingest.fetch import DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT

    parser = argparse.ArgumentParser(
        prog="briefing fetch",
        description="Download web pages into a dossier folder as .html files, each with its address recorded "
        "in it. This is the only briefing command that uses the network.",
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="http(s) addresses of pages to download")
    parser.add_argument(
        "--list",
        dest="url_list",
        metavar="FILE",
        help="also download the addresses in FILE, one a line (blank lines and # comments ignored)",
    )
    parser.add_argument(
        "--into",
        metavar="DIR",
        default=".",
        help="the folder to save into (default: the current one; made if missing); "
        "with no URL and no --list, its urls.txt is the list",
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help="download addresses already saved in DIR again (as new files; nothing is overwritten)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks, for bug reports")
    parser.epilog = (
        f"Pages are fetched once each, without JavaScript, with a {DEFAULT_TIMEOUT:g}-second timeout, "
        f"at most 5 MB and {DEFAULT_MAX_REDIRECTS} redirects; no existing file is overwritten."
    )
    return parser


def _fetch(args: argparse.Namespace) -> int:
    from briefing.ingest.fetch import fetch_pages, read_url_list

    urls = list(args.urls)
    # `briefing fetch --into DOSSIER` with nothing else downloads the dossier's own urls.txt.
    from briefing.ingest.load import URL_LIST_NAME

    own_list = Path(args.into) / URL_LIST_NAME
    if not urls and not args.url_list and own_list.is_file():
        args.url_list = str(own_list)
    if args.url_list:
        try:
            with open(args.url_list, "rb") as stream:
                data = stream.read(1024 * 1024 + 1)
        except OSError as error:
            reason = "no such file" if isinstance(error, FileNotFoundError) else (error.strerror or str(error))
            raise UserError(f"--list {printable(args.url_list)}: {reason}") from None
        if len(data) > 1024 * 1024:
            raise UserError(f"--list {printable(args.url_list)}: larger than 1 MB; not a list of links")
        urls += read_url_list(data.decode("utf-8-sig", errors="replace"))
    if not urls:
        raise UserError(
            "no URL given: name pages to download, a file of them with --list FILE, "
            "or a folder holding a urls.txt with --into DIR"
        )

    def report(result) -> None:  # as each page is done: a long list should show progress
        if result.already:
            print(f"already saved {printable(str(result.path))}", flush=True)
        elif result.path is not None:
            print(f"saved {printable(str(result.path))}", flush=True)
        else:
            print(f"failed {printable(result.url)}: {printable(result.reason or 'not saved')}", flush=True)

    try:
        results = fetch_pages(urls, Path(args.into), on_result=report, again=args.again)
    except OSError as error:
        raise UserError(f"cannot use folder {printable(args.into)}: {error.strerror or error}") from None
    return EXIT_OK if all(result.path is not None for result in results) else EXIT_FETCH_FAILED


# A note that many articles share (every entry of a feed that carries only summaries) is one
# line naming a few of them, not a line each.
_NOTE_EACH_UP_TO = 3


def _print_notes(articles) -> None:
    by_note: dict[str, list[str]] = {}
    for article in articles:
        for note in article.notes:
            by_note.setdefault(note, []).append(article.path)
    for note, paths in by_note.items():
        if len(paths) <= _NOTE_EACH_UP_TO:
            for path in paths:
                print(f"briefing: note: {printable(path)}: {note}", file=sys.stderr)
        else:
            named = ", ".join(printable(path) for path in paths[:2])
            print(f"briefing: note: {len(paths)} articles ({named} and {len(paths) - 2} more): {note}", file=sys.stderr)


def open_for_command(args: argparse.Namespace):
    """The dossier at `args.paths` (the bundled sample if none) with the reader's state, if kept,
    read but never written, and the analysis cache unless `--no-cache`; skips, notes and
    problems reported on stderr."""
    from briefing.dossier import StateUse, open_dossier

    paths = args.paths
    progress = _Progress() if sys.stderr.isatty() else None
    cache = None
    if not args.no_cache:
        from briefing.store.cache import AnalysisCache

        cache = AnalysisCache()
    opened = open_dossier(
        paths,
        max_chars=args.max_chars,
        state=StateUse.NONE if args.no_state else StateUse.READ,
        on_files=progress.files if progress else None,
        on_stage=progress.step if progress else None,
        cache=cache,
    )
    if progress:
        progress.clear()
    if cache is not None and cache.problem:
        print(f"briefing: {printable(cache.problem)}", file=sys.stderr)
    for skipped in opened.skipped:
        print(f"briefing: skipped {printable(skipped.path)}: {skipped.reason}", file=sys.stderr)
    _print_notes(opened.index.articles)
    for problem in opened.index.problems:
        print(f"briefing: {printable(problem)}", file=sys.stderr)
    if not opened.index.articles:
        raise NoArticles(
            "no readable article found in " + ", ".join(printable(str(p)) for p in (paths or ["the sample dossier"]))
        )
    if opened.state_problem:
        print(f"briefing: state: {printable(opened.state_problem)}", file=sys.stderr)
    return opened


# Progress is worth a line on the terminal only for dossiers that take a while.
_PROGRESS_FROM = 300


class _Progress:
    """A single self-overwriting line on a terminal's stderr; nothing when stderr is a file."""

    def __init__(self) -> None:
        self.shown = False
        self.big = False

    def files(self, done: int, total: int) -> None:
        self.big = total >= _PROGRESS_FROM
        if self.big and (done % 100 == 0 or done == total):
            self._line(f"reading {done:,}/{total:,} files")

    def step(self, name: str) -> None:
        if self.big:  # a small dossier is analysed before a line would be read
            self._line(f"analysing: {name}")

    def _line(self, text: str) -> None:
        sys.stderr.write(f"\rbriefing: {text}\x1b[K")
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


class NoArticles(UserError):
    """Nothing readable was found."""


def _export(args: argparse.Namespace) -> int:
    from briefing.output import BriefFormat, WriteError, brief_format, refuse_if_taken, write_atomically
    from briefing.views.brief import default_filename, make_brief
    from briefing.views.formats import write_brief

    # Everything the user typed is checked before the work, which takes minutes on a big dossier.
    words = _brief_words(args.words)
    sections, chart = _brief_sections(args.sections)
    try:
        format = brief_format(args.output, args.format)
        if args.output and args.output != "-":
            refuse_if_taken(Path(args.output), args.force)
    except WriteError as error:
        raise UserError(str(error)) from None
    if args.output == "-" and format is BriefFormat.DOCX and sys.stdout.isatty():
        raise UserError("a Word brief is not text for a terminal; write it to a file with -o brief.docx")
    opened = open_for_command(args)
    index = opened.index
    brief = write_brief(make_brief(index, opened.state, words, sections), format, chart=chart)
    if args.output == "-":
        if isinstance(brief, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(brief)
        else:
            sys.stdout.write(brief)
        return EXIT_OK
    target = Path(args.output) if args.output else Path(default_filename(index, suffix=format.suffix))
    try:
        write_atomically(target, brief, overwrite=args.force)
    except WriteError as error:
        raise UserError(str(error)) from None
    print(f"briefing: wrote {printable(str(target))}", file=sys.stderr)
    return EXIT_OK


def _json(args: argparse.Namespace) -> int:
    from briefing.views.serialize import index_to_dict

    opened = open_for_command(args)
    json.dump(index_to_dict(opened.index, opened.state), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return EXIT_OK


def _state(args: argparse.Namespace) -> int:
    from briefing.output import WriteError, write_atomically
    from briefing.store.state import StateError, StateStore, read_export

    store = StateStore(create=bool(args.import_from))
    if store.problem:
        print(f"briefing: state: {printable(store.problem)}", file=sys.stderr)
    if args.export:
        text = json.dumps(store.export_data(), ensure_ascii=False, indent=1) + "\n"
        if args.export == "-":
            sys.stdout.write(text)
            return EXIT_OK
        try:
            write_atomically(Path(args.export), text, overwrite=args.force)
        except WriteError as error:
            raise UserError(str(error)) from None
        counts = store.counts()
        notes = counts["notes"] + counts["sentence notes"]
        stars = counts["starred"] + counts["starred sentences"]
        print(f"briefing: wrote {notes} notes and {stars} stars to {printable(args.export)}", file=sys.stderr)
        return EXIT_OK
    if args.import_from:
        try:
            notes, stars = store.import_data(read_export(args.import_from))
        except StateError as error:
            raise UserError(f"{printable(args.import_from)}: {error}") from None
        saved = "" if store.persistent else " (in memory only: not saved)"
        print(
            f"briefing: imported {notes} notes and {stars} stars from {printable(args.import_from)}{saved}",
            file=sys.stderr,
        )
        return EXIT_OK
    counts = store.counts()
    print(f"state: {printable(str(store.path))}{'' if store.path.exists() else ' (not made yet)'}")
    print(", ".join(f"{value:,} {name}" for name, value in counts.items()))
    return EXIT_OK


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing serve",
        description="Serve the reader app to a web browser (through textual-serve); each browser tab runs "
        "its own copy of the app on this computer, with your reading state.",
    )
    _common(parser)
    parser.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this computer only)"
    )
    parser.add_argument("--port", type=int, default=8000, metavar="N", help="the port to listen on (default 8000)")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other than this computer: anyone who can reach it can read the dossier and your notes",
    )
    parser.add_argument("--theme", metavar="NAME", help="colour theme of the app")
    return parser


def _serve(args: argparse.Namespace) -> int:
    from briefing.paths import seeds_dir
    from briefing.serve import ServeError, serve

    passed: list[str] = []
    if args.no_state:
        passed.append("--no-state")
    if args.no_cache:
        passed.append("--no-cache")
    if args.theme:
        passed += ["--theme", args.theme]
    passed += ["--max-chars", str(args.max_chars)]
    paths = [str(Path(p).absolute()) for p in (args.paths or [seeds_dir()])]
    try:
        return serve(paths, host=args.host, port=args.port, allow_remote=args.allow_remote, app_args=passed)
    except ServeError as error:
        raise UserError(str(error)) from None


def _app(args: argparse.Namespace) -> int:
    from briefing.paths import seeds_dir
    from briefing.tui.app import BriefingApp

    BriefingApp(
        [str(p) for p in (args.paths or [seeds_dir()])],
        theme_name=args.theme,
        max_chars=args.max_chars,
        use_state=not args.no_state,
        use_cache=not args.no_cache,
    ).run()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {
        "export": (_export_parser, _export),
        "json": (_json_parser, _json),
        "state": (_state_parser, _state),
        "fetch": (_fetch_parser, _fetch),
        "cache": (_cache_parser, _cache),
        "serve": (_serve_parser, _serve),
    }
    if argv and argv[0] in commands:
        make_parser, run = commands[argv[0]]
        argv = argv[1:]
    else:
        make_parser, run = _parser, _app
    args = make_parser().parse_args(argv)
    try:
        return run(args)
    except UserError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return EXIT_NO_ARTICLES
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # a bug: one line for users, the traceback with --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"briefing: internal error: {error.__class__.__name__}: {error} (run with --debug for details)",
                file=sys.stderr,
            )
        return 70
