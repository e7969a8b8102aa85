from django.urls import path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from home.headers import opened_from_email, personal

from . import views
from .views import certificates, feedback, opening
from .views.learning_plan import learning_plan

app_name = "enrolment"
urlpatterns = [
    path("enrol/<int:run_id>/", views.enrol, name="enrol"),
    path("enrol/<int:run_id>/thank-you/", views.thank_you, name="thank_you"),
    path("enrol/<int:run_id>/we-will-email-you/", opening.opening_alert_sent, name="opening_alert_sent"),
    # Every emailed link opens this page (sign in, cancel, accept or turn down, leave, stop
    # reminders, give feedback), and its address carries the link's token.
    path("link/<str:token>/", opened_from_email(views.open_link), name="link"),
    path("feedback/thank-you/", feedback.feedback_thanks, name="feedback_thanks"),
    path("my-courses/", views.my_courses, name="my_courses"),
    path("my-courses/sign-in/", views.ask_for_sign_in_link, name="sign_in"),
    path("my-courses/sign-in/check-your-email/", views.sign_in_link_sent, name="sign_in_sent"),
    path("my-courses/details/", views.change_details, name="change_details"),
    path("my-courses/delete-my-data/", views.delete_my_data, name="delete_my_data"),
    path("my-courses/learning-plan/", learning_plan, name="learning_plan"),
    path("my-courses/sign-out/", views.sign_out_view, name="sign_out"),
    path("my-courses/enrolment-opens/<int:run_id>/stop/", opening.stop_opening_alert, name="stop_opening_alert"),
    path("my-courses/signed-out/", views.signed_out, name="signed_out"),
    path("my-courses/certificates/<int:enrolment_id>/", certificates.my_certificate, name="certificate"),
    path("my-courses/<slug:purpose>/<int:object_id>/", views.act, name="act"),
]
# Every page here shows, asks for or acts on one person's details (the enrolment form shows who
# is signed in and, after a mistake, what they typed, support needs included): none is stored by
# a browser or proxy cache. All of them, so a page added here cannot miss it.
urlpatterns = decorate_urlpatterns(urlpatterns, personal)
