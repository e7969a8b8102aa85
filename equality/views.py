"""'About you': the optional equality monitoring questions, for a signed-in student, reached from
My courses. Not there at all (404) until the college turns a question on."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from enrolment.session import signed_in_student

from .forms import AboutYouForm
from .models import EqualitySettings
from .services import AlreadyAnswered, has_answered, save_answers


@require_http_methods(["GET", "HEAD", "POST"])
def about_you(request):
    settings = EqualitySettings.load(request_or_site=request)
    questions = settings.questions_on()
    if not questions:
        raise Http404("The college does not ask these questions.")
    student = signed_in_student(request)
    if student is None:
        return redirect("enrolment:sign_in")
    if has_answered(student):
        # Their answers cannot be shown: nothing leads from them to their answers.
        return render(request, "equality/answered.html")
    # Bound on every POST, even an empty one: sending no answer at all is an answer too.
    form = AboutYouForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            save_answers(student=student, answers=form.cleaned_data)
        except AlreadyAnswered:
            return render(request, "equality/answered.html")
        messages.success(request, "Thank you. We have saved your answers.")
        return redirect("enrolment:my_courses")
    return render(request, "equality/about_you.html", {"form": form, "why_we_ask": settings.why_we_ask})
