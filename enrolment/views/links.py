"""The page every emailed link opens. Reading a link never changes anything; its button does."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ..links import BadLink, Purpose, read_link
from ..models import Enrolment, Student
from ..services.students import use_link_nonce
from ..session import sign_in
from .actions import ACTIONS, confirm_then_act
from .feedback import give_feedback

USED = (
    "This sign-in link has already been used. Links work once, to keep your details safe. "
    "You can ask for a new one below."
)


def problem(request, message: str, status: int = 400):
    return render(request, "enrolment/link_problem.html", {"message": message}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def open_link(request, token: str):
    try:
        link = read_link(token)
    except BadLink as bad:
        return problem(request, bad.message)
    if link.purpose == Purpose.SIGN_IN:
        return _sign_in(request, link)
    if link.purpose == Purpose.FEEDBACK:
        return _feedback(request, link)
    action = ACTIONS[link.purpose]
    obj = action.load(link.object_id)
    if obj is None:
        return problem(
            request, "We could not find this booking. It may have been removed. Please call us and we will help.", 404
        )
    return confirm_then_act(request, action, obj, back_url=reverse("enrolment:my_courses"))


def _feedback(request, link):
    enrolment = Enrolment.objects.select_related("run__course").filter(pk=link.object_id).first()
    if enrolment is None:
        return problem(request, "We could not find the course this link is for. Please call us and we will help.", 404)
    return give_feedback(request, enrolment, problem)


def _sign_in(request, link):
    student = Student.objects.filter(pk=link.object_id, forgotten_at__isnull=True).first()
    if student is None or student.link_nonce != link.nonce:
        return problem(request, USED)
    if request.method != "POST":
        return render(request, "enrolment/sign_in_confirm.html", {"student": student})
    # The conditional update is the claim: of two presses of one link, exactly one signs in.
    if not use_link_nonce(student_id=student.pk, nonce=link.nonce):
        return problem(request, USED)
    sign_in(request, student)
    return redirect("enrolment:my_courses")
