"""Pausing Python's cycle collector around stages that make many short-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause the cycle collector, then restore it as it was (also on error).

    Validation and the data files make millions of small objects; each time they push the
    collector into a full pass it walks everything alive (the timeline, MkDocs' pages)
    again. Those objects form no cycles worth waiting for, so reference counting frees
    them without it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
