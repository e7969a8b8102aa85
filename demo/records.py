"""Find-or-create by natural key, the one way the demo writes a plain row.

Unlike `update_or_create`, an existing row is returned untouched: running the demo again must
change nothing, and staff may have edited what it made."""

from collections import Counter

from django.db import models


class DemoConflict(Exception):
    """Something already in the database is in the demo's way. The message says what, for the
    person running the command."""


def find_or_create(
    model: type[models.Model], lookup: dict, defaults: dict, created: Counter, label: str
) -> models.Model:
    # filter().first() rather than get(): names such as a facilitator's are not unique.
    existing = model.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    created[label] += 1
    return model.objects.create(**lookup, **defaults)
