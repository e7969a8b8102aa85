"""When staff raise a run's capacity, the new places go to the people waiting at once, whichever
screen or script saved the run."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from courses.models import CourseRun

from . import services


@receiver(post_save, sender=CourseRun, dispatch_uid="enrolment.offer_places_after_run_saved")
def offer_places_after_run_saved(sender, instance: CourseRun, created: bool, raw: bool = False, **kwargs):
    if created or raw or instance.is_cancelled:
        return
    run_id = instance.pk
    transaction.on_commit(lambda: services.offer_free_places(run_id=run_id))
