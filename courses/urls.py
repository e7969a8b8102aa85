from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("calendar/runs/<int:pk>.ics", views.run_ics, name="run_ics"),
    path("calendar/course-dates.ics", views.upcoming_ics, name="upcoming_ics"),
    path("prospectus/", views.prospectus, name="prospectus"),
    path("prospectus.pdf", views.prospectus_pdf, name="prospectus_pdf"),
]
