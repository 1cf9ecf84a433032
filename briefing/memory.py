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
