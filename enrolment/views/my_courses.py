"""'My courses': a student's own page, reached by a sign-in link from their email (no passwords)."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import CourseIndexPage

from .. import limits, services
from ..errors import ErasureOnHold
from ..forms import DetailsForm, SignInForm
from ..links import SIGN_IN_HOURS, Purpose
from ..models import Enrolment, Offer, StateChange, Student, WaitlistEntry
from ..selectors import certificate_ids, learning_plan_of, position_of, runs_matching_interests
from ..services.forgetting import forget_student
from ..services.run_changes import CANCELLED_REASON
from ..services.students import save_details
from ..session import sign_out, signed_in_student
from ..sign_in import send_sign_in_link
from .actions import ACTIONS, confirm_then_act, owner_id
from .masking import mask_email
from .opening import opening_alerts_of

ASKED_FOR = "enrolment_sign_in_sent_to"


def student_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        student = signed_in_student(request)
        if student is None:
            return redirect("enrolment:sign_in")
        return view(request, student, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "HEAD", "POST"])
def ask_for_sign_in_link(request):
    form = SignInForm(request.POST or None)
    if request.method == "POST":
        if limits.too_many_from_address(request, "sign_in"):
            form.add_error(None, limits.TOO_MANY)
        elif form.is_valid():
            email = services.normalise_email(form.cleaned_data["email"])
            student = Student.objects.filter(email=email, forgotten_at__isnull=True).first()
            # Past the per-email limit the page looks the same, but no more mail goes to that inbox.
            if student and not limits.too_many_for_email(request, "sign_in", email):
                send_sign_in_link(student)
            # The same answer whether or not we know the email: which people enrol is private.
            request.session[ASKED_FOR] = mask_email(email)
            return redirect("enrolment:sign_in_sent")
    return render(request, "enrolment/sign_in.html", {"form": form})


@require_http_methods(["GET", "HEAD"])
def sign_in_link_sent(request):
    return render(
        request, "enrolment/sign_in_sent.html", {"sent_to": request.session.get(ASKED_FOR), "hours": SIGN_IN_HOURS}
    )


@require_http_methods(["GET", "HEAD"])
@student_required
def my_courses(request, student):
    today = timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(student=student)
        .select_related("student", "run__course", "run__location")
        .prefetch_related("run__sessions")
    )
    confirmed = [e for e in enrolments if e.status == Enrolment.Status.CONFIRMED]
    cancelled = [e for e in enrolments if e.status == Enrolment.Status.CANCELLED]
    by_college = _cancelled_by_the_college(cancelled)
    waiting = list(
        WaitlistEntry.objects.filter(student=student, status=WaitlistEntry.Status.WAITING)
        .select_related("run__course", "run__location", "course")
        .prefetch_related("locations")
    )
    plan = learning_plan_of(student)
    past = [e for e in confirmed if e.run.last_session and e.run.last_session.date < today]
    context = {
        "student": student,
        "offers": Offer.objects.live().filter(entry__student=student).select_related("run__course", "run__location"),
        "upcoming": [e for e in confirmed if e.run.last_session and e.run.last_session.date >= today],
        "past": past,
        # Which past courses they completed, where the college gives certificates of attendance.
        "certificates": certificate_ids(past, now=timezone.now()),
        "college_cancelled": [e for e in cancelled if e.pk in by_college],
        "cancelled": [e for e in cancelled if e.pk not in by_college],
        "waiting": [(entry, position_of(entry)) for entry in waiting],
        "course_dates": CourseIndexPage.objects.live().first(),
        "opening_alerts": opening_alerts_of(student),
        "plan": plan,
        "matching_runs": runs_matching_interests(plan, now=timezone.now()),
    }
    return render(request, "enrolment/my_courses.html", context)


def _cancelled_by_the_college(cancelled: list[Enrolment]) -> set[int]:
    """Which of these places went because the college cancelled the course. The audit trail says
    who let each place go; the run's status alone cannot, because a student may have cancelled
    their own place before the college cancelled the course."""
    if not cancelled:
        return set()
    return set(
        StateChange.objects.filter(
            subject="enrolment",
            subject_id__in=[e.pk for e in cancelled],
            to_state=Enrolment.Status.CANCELLED,
            reason=CANCELLED_REASON,
        ).values_list("subject_id", flat=True)
    )


@require_http_methods(["GET", "HEAD", "POST"])
@student_required
def act(request, student, purpose: str, object_id: int):
    try:
        action = ACTIONS[Purpose(purpose)]
    except (ValueError, KeyError):
        raise Http404 from None
    obj = action.load(object_id)
    if obj is None or owner_id(obj) != student.pk:
        raise Http404  # somebody else's booking looks exactly like one that does not exist
    return confirm_then_act(request, action, obj, back_url=reverse("enrolment:my_courses"))


@require_http_methods(["GET", "HEAD", "POST"])
def change_details(request):
    student = signed_in_student(request)
    if student is None and request.method == "POST":
        return _kept_while_signed_out(request)
    if student is None:
        return redirect("enrolment:sign_in")
    form = DetailsForm(request.POST or None, instance=student)
    if request.method == "POST" and form.is_valid():
        save_details(form)
        messages.success(request, "Your details are saved.")
        return redirect("enrolment:my_courses")
    return render(request, "enrolment/change_details.html", {"form": form, "student": student})


def _kept_while_signed_out(request):
    """The sign-in ran out while they were typing. Nothing is saved, but what they typed stays on
    the page (it is only ever shown back to the browser that sent it), so they can sign in again
    in another tab, come back and press Save: typing it all again would be the time limit
    losing their work (WCAG 2.2.1)."""
    typed = {name: request.POST.get(name, "") for name in DetailsForm.base_fields}
    form = DetailsForm(initial=typed)
    return render(request, "enrolment/change_details.html", {"form": form, "signed_out": True})


@require_http_methods(["GET", "HEAD", "POST"])
@student_required
def delete_my_data(request, student):
    # A safeguarding or legal hold: they are asked to phone us, never told the staff's reason.
    on_hold = {"student": student, "on_hold": bool(student.erasure_hold_reason)}
    if request.method != "POST" or on_hold["on_hold"]:
        return render(request, "enrolment/delete_my_data.html", on_hold)
    try:
        forget_student(student_id=student.pk)
    except ErasureOnHold:  # placed a moment ago, after the page was read
        return render(request, "enrolment/delete_my_data.html", {"student": student, "on_hold": True})
    sign_out(request)
    return render(request, "enrolment/data_deleted.html")


@require_POST
def sign_out_view(request):
    sign_out(request)
    return redirect("enrolment:signed_out")


@require_http_methods(["GET", "HEAD"])
def signed_out(request):
    return render(request, "enrolment/signed_out.html")
