"""The feedback form a student opens from the email sent after their course's last session. The
link is signed for their place on the run, so they need no password, and the form asks nothing
that would identify them."""

from django.shortcuts import redirect, render
from django.utils import timezone

from ..feedback_form import FeedbackForm
from ..models import Enrolment
from ..services.feedback import AlreadyAnswered, NotAsked, already_answered, can_answer, record_answer


def _already(request, run):
    return render(request, "enrolment/feedback_received.html", {"run": run, "already": True})


def give_feedback(request, enrolment: Enrolment, problem):
    """GET shows the form; POST keeps the answer and goes to the thank-you page. `problem`
    renders the shared 'this link is not working' page."""
    run = enrolment.run
    if already_answered(enrolment):
        return _already(request, run)
    if not can_answer(enrolment):
        return problem(request, NotAsked.message)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_answer(
                enrolment_id=enrolment.pk,
                experience=form.cleaned_data["experience"],
                what_helped=form.cleaned_data["what_helped"],
                could_do_better=form.cleaned_data["could_do_better"],
                chime=form.chime(),
                now=timezone.now(),
            )
        except AlreadyAnswered:
            return _already(request, run)
        except NotAsked as refused:
            return problem(request, refused.message)
        return redirect("enrolment:feedback_thanks")
    return render(request, "enrolment/feedback_form.html", {"form": form, "run": run})


def feedback_thanks(request):
    # Not about anyone in particular, so it needs no link token and shows no course.
    return render(request, "enrolment/feedback_received.html", {"already": False})
