"""Memory housekeeping for building large structures of long-lived objects."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector while a large structure of live objects is built.

    Building allocates millions of objects that all stay alive; the collector would
    rescan them again and again to find no garbage. Its previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_for_good() -> None:
    """Tell the collector that everything alive now lives as long as the process.

    An index is millions of objects that never form garbage cycles; without this, each full
    collection rescans all of them, and a search that happens to trigger one waits over half
    a second.
    """
    gc.freeze()
