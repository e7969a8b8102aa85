from django.urls import path

from . import views

app_name = "enrolment"
urlpatterns = [
    path("enrol/<int:run_id>/", views.enrol, name="enrol"),
    path("enrol/<int:run_id>/thank-you/", views.thank_you, name="thank_you"),
]
