"""Changes to a run, whichever screen or script saved it: raised capacity goes to the people
waiting at once, and a run the college cancels lets every place go and tells everyone."""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from courses.models import CourseRun

from . import services


@receiver(pre_save, sender=CourseRun, dispatch_uid="enrolment.remember_run_status")
def remember_run_status(sender, instance: CourseRun, raw: bool = False, **kwargs):
    instance._status_before_save = (
        CourseRun.objects.filter(pk=instance.pk).values_list("status", flat=True).first() if instance.pk else None
    )


@receiver(post_save, sender=CourseRun, dispatch_uid="enrolment.offer_places_after_run_saved")
def offer_places_after_run_saved(sender, instance: CourseRun, created: bool, raw: bool = False, **kwargs):
    if created or raw:
        return
    run_id = instance.pk
    if instance.is_cancelled:
        if getattr(instance, "_status_before_save", None) != CourseRun.Status.CANCELLED:
            # In the same transaction as the save: the cancellation and the messages it owes
            # commit together.
            services.close_cancelled_run(run_id=run_id)
        return
    transaction.on_commit(lambda: services.offer_free_places(run_id=run_id))
