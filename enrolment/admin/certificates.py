"""A student's certificate of attendance, downloaded by staff from the run's register. Whoever may
see that run's register may download it (a facilitator too, for their own runs, to hand out at the
last session): it says nothing the register does not."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View

from enrolment.audit import log_export
from enrolment.certificate_files import certificate_download
from enrolment.models import Enrolment
from enrolment.selectors import certificate_for

from .permissions import RegisterReadMixin
from .register import RunMixin


class CertificateView(RunMixin, RegisterReadMixin, View):
    def get(self, request, *args, enrolment_id: int, **kwargs):
        # The run as the register fetches it (only runs this person may see), so a place on another
        # run, or on a run that is not theirs, is not found here.
        enrolment = get_object_or_404(
            Enrolment.objects.select_related("student", "run__course"), pk=enrolment_id, run=self.run
        )
        enrolment.run = self.run  # its sessions are loaded already
        certificate = certificate_for(enrolment, now=timezone.now())
        if certificate is None:
            raise Http404("There is no certificate for this place: certificates are off, or they did not complete.")
        # On the student: their History shows each certificate staff downloaded (issued) for them.
        log_export(
            user=request.user,
            what="certificate",
            instance=enrolment.student,
            run_id=self.run.pk,
            course=self.run.course.title,
        )
        return certificate_download(certificate)
