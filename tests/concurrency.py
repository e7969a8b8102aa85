"""Many people pressing a button at the same moment: the harness both concurrency test modules use."""

import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connections


def all_at_once(call, items, *, workers, connect=None, timeout=60):
    """Start `workers` threads together (a barrier), each calling `call` on its share of `items`
    through its own database connection. `connect`, when given, runs first in each thread (to point
    its connection somewhere else). Returns what the calls returned in the order they returned,
    the tracebacks of those that raised, and the seconds taken."""
    barrier, lock = threading.Barrier(workers), threading.Lock()
    returned, errors = [], []

    def work(share):
        if connect:
            connect()
        try:
            barrier.wait(timeout=timeout)
            for item in share:
                try:
                    result = call(item)
                except Exception:  # noqa: BLE001 - every failure is reported, none is hidden
                    with lock:
                        errors.append(traceback.format_exc())
                    continue
                with lock:
                    returned.append(result)  # its index is the order in which the calls returned
        finally:
            connections[DEFAULT_DB_ALIAS].close()

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(work, items[n::workers]) for n in range(workers)]:
            future.result()
    return returned, errors, time.monotonic() - started
