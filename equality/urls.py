from django.urls import path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from home.headers import personal

from . import views

app_name = "equality"
urlpatterns = [
    path("my-courses/about-you/", views.about_you, name="about_you"),
]
# A student's own page, as enrolment's are: no browser or proxy keeps a copy.
urlpatterns = decorate_urlpatterns(urlpatterns, personal)
