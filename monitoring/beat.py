"""Beat's own heartbeat: a scheduler that records, as it ticks, that beat is alive.

A task beat schedules would prove a worker ran it as much as beat; this is written by the beat
process itself, so /health/ can tell "beat stopped" from "the workers stopped". Selected by
CELERY_BEAT_SCHEDULER; beat keeps its schedule in a file as before."""

import logging
import time

from celery.beat import PersistentScheduler

logger = logging.getLogger(__name__)
EVERY_SECONDS = 30


class HeartbeatScheduler(PersistentScheduler):
    _last_beat = 0.0

    def tick(self, *args, **kwargs):
        now = time.monotonic()
        if now - self._last_beat >= EVERY_SECONDS:
            self._last_beat = now
            try:
                from django.db import close_old_connections

                from .models import Heartbeat

                close_old_connections()  # beat has no requests to do this: after a database restart
                Heartbeat.beat("beat")
            except Exception:  # noqa: BLE001 - the database may be down; beat carries on regardless
                logger.warning("Could not record beat's heartbeat", exc_info=True)
        # Never sleep longer than the heartbeat interval, so an idle schedule still beats.
        return min(super().tick(*args, **kwargs), EVERY_SECONDS)
