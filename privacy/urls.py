"""The student's own subject access download, beside My courses (enrolment/urls.py)."""

from django.urls import path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from home.headers import personal

from . import views

app_name = "privacy"
urlpatterns = [
    path("my-courses/your-data/", views.your_data, name="your_data"),
    path("my-courses/your-data/download/", views.your_data_download, name="your_data_download"),
]
# Their details, so no browser or proxy keeps a copy; the sign-in redirect too.
urlpatterns = decorate_urlpatterns(urlpatterns, personal)
