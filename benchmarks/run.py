"""briefing's benchmarks: each figure beside the floor it is measured against, in one run.

    python benchmarks/run.py            # the full set (several minutes; 20,000 articles)
    python benchmarks/run.py --quick    # smaller sizes, for a quick look

Not part of the test suite: speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def run_child(code: str, *args: str) -> tuple[float, float, str]:
    """Run Python code in a fresh interpreter: (wall seconds, peak RSS in MB, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=HERE.parent
    )
    out = process.stdout.read().decode() if process.stdout else ""
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, out


def best_of(times: int, code: str, *args: str) -> tuple[float, float, str]:
    runs = [run_child(code, *args) for _ in range(times)]
    return min(runs, key=lambda r: r[0])


FLOOR_IMPORTS = "import dateutil.parser, dateutil.relativedelta, markdown_it, tomllib, json"
# To standard output: '-o /dev/null' is refused, since /dev/null exists.
EXPORT = "import sys; from briefing.cli import main; sys.exit(main(['export', '-o', '-']))"
EXPORT_NO_CACHE = "import sys; from briefing.cli import main; sys.exit(main(['export', '-o', '-', '--no-cache']))"
# The brief of a dossier, as a user runs it; the analysis cache is wherever XDG_CACHE_HOME says.
EXPORT_DOSSIER = (
    "import sys; from briefing.cli import main; sys.exit(main(['export', sys.argv[1], '-o', '-', '--no-state']))"
)
READ_AND_TOKENISE = """
import sys, time
from pathlib import Path
from briefing.language.text import tokenize
start = time.perf_counter()
count = 0
for path in sorted(Path(sys.argv[1]).glob('*.txt')):
    count += len(tokenize(path.read_text(encoding='utf-8')))
print(time.perf_counter() - start, count)
"""


def row(name: str, value: str, floor: str = "", note: str = "") -> None:
    print(f"| {name} | {value} | {floor} | {note} |")


def bench_export() -> None:
    floor_time, floor_mem, _ = best_of(5, FLOOR_IMPORTS)
    for label, code in (("analysed afresh (--no-cache)", EXPORT_NO_CACHE), ("reopened (cache)", EXPORT)):
        export_time, export_mem, _ = best_of(5, code)
        row(
            f"`briefing export` on the seeds, {label}",
            f"{export_time:.2f} s · {export_mem:.0f} MB peak",
            f"{floor_time:.2f} s · {floor_mem:.0f} MB (python + imports)",
            f"{export_time / floor_time:.1f}x the floor (target <= 2.5x)",
        )


def bench_scale(sizes: list[int], folders: dict[int, Path], scratch: Path) -> dict[int, float]:
    """Per size, `briefing export` cold (an empty analysis cache), reopened unchanged and with
    one article added, beside the read + tokenise floor; each size keeps its cache in
    `scratch/cache-SIZE` for the search and app measures."""
    cold_seconds = {}
    for size in sizes:
        folder = folders[size]
        megabytes = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
        floor = float(run_child(READ_AND_TOKENISE, str(folder))[2].split()[0])
        os.environ["XDG_CACHE_HOME"] = str(scratch / f"cache-{size}")
        cold, cold_mem, _ = run_child(EXPORT_DOSSIER, str(folder))
        warm, warm_mem, _ = best_of(3, EXPORT_DOSSIER, str(folder))
        extra = scratch / f"extra-{size}"
        generate(extra, 1, seed=size)  # another seed: an article the dossier does not hold yet
        (extra / "000000.txt").rename(folder / "added.txt")
        added, added_mem, _ = run_child(EXPORT_DOSSIER, str(folder))
        (folder / "added.txt").unlink()  # the folder as it was; its index is still in the cache
        cold_seconds[size] = cold
        label = f"`briefing export`, {size:,} articles ({megabytes:.1f} MB)"
        row(
            f"{label}, cold",
            f"{cold:.1f} s · {cold_mem:,.0f} MB peak",
            f"{floor:.1f} s read + tokenise",
            f"{cold / floor:.0f}x the floor",
        )
        row(f"{label}, reopened unchanged", f"{warm:.2f} s · {warm_mem:,.0f} MB peak", "", "")
        row(f"{label}, one article added", f"{added:.1f} s · {added_mem:,.0f} MB peak", "", "")
    os.environ.pop("XDG_CACHE_HOME", None)
    return cold_seconds


def bench_search(folder: Path, size: int, scratch: Path) -> None:
    from briefing.dossier import StateUse, open_dossier
    from briefing.store.cache import AnalysisCache

    # The index kept by bench_scale: searching does not depend on how the index was made.
    index = open_dossier(
        [folder], state=StateUse.NONE, cache=AnalysisCache(scratch / f"cache-{size}" / "briefing")
    ).index
    queries = {
        "single words": ["strike", "tariffs", "Geneva", "ministry", "recount", "wages", "convoys", "Hanoi"],
        "phrases": ['"port strike"', '"diplomatic channels"', '"central bank"', '"last week"'],
        "prefixes": ["tarif*", "negot*", "elect*", "pip*"],
    }
    for kind, words in queries.items():
        timings = []
        for _ in range(5):
            for query in words:
                start = time.perf_counter()
                index.search(query)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
        row(
            f"search over {size:,} articles, {kind}",
            f"p50 {statistics.median(timings):.1f} ms · p99 {p99:.1f} ms",
            "",
            "target p99 <= 50 ms",
        )


def bench_app(folder: Path | None, label: str) -> None:
    from textual.app import App
    from textual.widgets import Static

    from briefing.paths import seeds_dir
    from briefing.tui.app import BriefingApp
    from briefing.tui.widgets.article_list import ArticleList
    from briefing.tui.widgets.reader import Reader

    class Bare(App):
        def compose(self):
            yield Static("hello")

    async def until_mounted(app, screen_name: str) -> None:
        # Not pilot.pause(): it waits until the app is idle, which for briefing means until
        # the worker has finished indexing. The first screen is there once it is mounted.
        while type(app.screen).__name__ != screen_name or not app.screen.is_mounted:
            await asyncio.sleep(0.001)

    async def first_screen(app) -> float:
        start = time.perf_counter()
        async with app.run_test(size=(120, 40)):
            await until_mounted(app, "Screen")
            return time.perf_counter() - start

    bare = min(asyncio.run(first_screen(Bare())) for _ in range(3))

    async def keypresses(pilot, widget_type) -> list[float]:
        """Milliseconds for each of 20 presses of j in a widget."""
        pilot.app.screen.query_one(widget_type).focus()
        times = []
        for _ in range(20):
            start = time.perf_counter()
            await pilot.press("j")
            times.append((time.perf_counter() - start) * 1000)
        return times

    async def measure() -> tuple[float, float, list[float], list[float]]:
        start = time.perf_counter()
        app = BriefingApp([str(folder or seeds_dir())])
        async with app.run_test(size=(120, 40)) as pilot:
            await until_mounted(app, "MainScreen")
            first = time.perf_counter() - start
            while getattr(app.screen, "index", None) is None:
                await pilot.pause(0.01)
            ready = time.perf_counter() - start
            await pilot.pause()
            return first, ready, await keypresses(pilot, ArticleList), await keypresses(pilot, Reader)

    first, ready, list_keys, reader_keys = asyncio.run(measure())
    row(
        f"app on {label}: first screen",
        f"{first:.2f} s",
        f"{bare:.2f} s (bare Textual app)",
        f"{first / bare:.1f}x (target <= 2x)",
    )
    row(f"app on {label}: index ready", f"{ready:.2f} s", "", "")
    row(
        f"app on {label}: keypress in the article list",
        f"p50 {statistics.median(list_keys):.0f} ms",
        "",
        "Pilot's own press and pause included",
    )
    row(f"app on {label}: keypress in the reader", f"p50 {statistics.median(reader_keys):.0f} ms", "", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="500 and 2,000 articles instead of 2,000 and 20,000")
    args = parser.parse_args()
    small, big = (500, 2000) if args.quick else (2000, 20000)
    with tempfile.TemporaryDirectory() as scratch:
        # Measure the product as a new user meets it, and never touch the real reading state
        # or cache: the app records a visit to every dossier it opens.
        os.environ["XDG_DATA_HOME"] = str(Path(scratch) / "data")
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache-seeds")
        folders = {}
        for size in (small, big):
            folders[size] = Path(scratch) / f"d{size}"
            generate(folders[size], size)
        python = sys.version.split()[0]
        print(f"briefing benchmarks, {time.strftime('%Y-%m-%d')}, Python {python}, {os.cpu_count()} cores\n")
        print("| what | measured | floor | note |\n| --- | --- | --- | --- |")
        bench_export()
        cold = bench_scale([small, big], folders, Path(scratch))
        row(
            f"growth {small:,} → {big:,} articles (cold export)",
            f"{cold[big] / cold[small]:.1f}x",
            f"{big / small:.0f}x is linear",
            "target <= 11x for 2,000 → 20,000",
        )
        bench_search(folders[big], big, Path(scratch))
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache-seeds")
        bench_app(None, "the seeds")
        # Opened from the analysis kept by bench_scale, as a user reopening it would.
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / f"cache-{big}")
        bench_app(folders[big], f"{big:,} articles, reopened")


if __name__ == "__main__":
    main()
