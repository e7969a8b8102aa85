"""'Your learning plan': a signed-in student's own goals and interests, linked from My courses.
Optional, and private unless they choose to share it with staff."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..plan_form import LearningPlanForm
from ..selectors import learning_plan_of
from ..services.plans import save_plan
from .my_courses import student_required


@require_http_methods(["GET", "HEAD", "POST"])
@student_required
def learning_plan(request, student):
    plan = learning_plan_of(student)
    form = LearningPlanForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        save_plan(
            student=student,
            goals=form.cleaned_data["goals"],
            topics=form.cleaned_data["topics"],
            shared_with_staff=form.cleaned_data["shared"],
        )
        messages.success(request, "Your learning plan is saved.")
        return redirect("enrolment:my_courses")
    return render(request, "enrolment/learning_plan.html", {"form": form, "plan": plan})
