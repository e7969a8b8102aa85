from django.urls import path

from . import views

app_name = "enrolment"
urlpatterns = [
    path("enrol/<int:run_id>/", views.enrol, name="enrol"),
    path("enrol/<int:run_id>/thank-you/", views.thank_you, name="thank_you"),
    path("link/<str:token>/", views.open_link, name="link"),
    path("my-courses/", views.my_courses, name="my_courses"),
    path("my-courses/sign-in/", views.ask_for_sign_in_link, name="sign_in"),
    path("my-courses/sign-in/check-your-email/", views.sign_in_link_sent, name="sign_in_sent"),
    path("my-courses/details/", views.change_details, name="change_details"),
    path("my-courses/delete-my-data/", views.delete_my_data, name="delete_my_data"),
    path("my-courses/sign-out/", views.sign_out_view, name="sign_out"),
    path("my-courses/signed-out/", views.signed_out, name="signed_out"),
    path("my-courses/<slug:purpose>/<int:object_id>/", views.act, name="act"),
]
