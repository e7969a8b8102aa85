"""Course rules that every interface (admin forms, demo data, services) must agree on.

The co-delivery rule: every Recovery College course is delivered by at least one Expert by
Experience and at least one Expert by Training. A run that is open for enrolment, or will open,
must have both. Cancelled runs and runs whose enrolment has closed are history and are left alone.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from .models.snippets import Facilitator

CO_DELIVERY_MESSAGE = (
    "Every course is co-delivered. Add at least one Expert by Experience and at least one "
    "Expert by Training before this run can take enrolments. Missing: {missing}."
)


def missing_expertise(facilitators: Iterable[Facilitator]) -> list[str]:
    """Labels of the kinds of expertise a set of facilitators lacks, in a stable order."""
    present = {facilitator.expertise for facilitator in facilitators}
    return [label for value, label in Facilitator.Expertise.choices if value not in present]


def needs_co_delivery(*, cancelled: bool, enrolment_closes: datetime | None) -> bool:
    """Whether the co-delivery rule applies: to a run not cancelled whose enrolment has not closed."""
    if cancelled:
        return False
    return enrolment_closes is None or enrolment_closes > timezone.now()


def check_co_delivery(
    *, facilitators: Iterable[Facilitator], cancelled: bool, enrolment_closes: datetime | None
) -> None:
    """Raise ValidationError (on the `facilitators` field) when a bookable run lacks a kind of expert."""
    if not needs_co_delivery(cancelled=cancelled, enrolment_closes=enrolment_closes):
        return
    missing = missing_expertise(facilitators)
    if missing:
        raise ValidationError({"facilitators": CO_DELIVERY_MESSAGE.format(missing=" and ".join(missing))})
