"""When each background process was last seen doing its job, for /health/ (college/health.py)."""

from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """One row per process kind, overwritten each time it shows it is alive:

    - `beat`: written by beat itself as it ticks (monitoring/beat.py), so it is beat that was seen;
    - `email-worker` and `jobs-worker`: written by a task beat queues every minute on the `email`
      and `celery` queues, so a fresh row proves beat queued it, Redis carried it and a worker
      for that queue ran it."""

    name = models.CharField(max_length=40, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} seen {self.seen_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def beat(cls, name: str) -> None:
        # One upsert, so two processes writing at once cannot collide.
        cls.objects.bulk_create(
            [cls(name=name, seen_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["name"],
            update_fields=["seen_at"],
        )
