from django.http import HttpResponse
from django.urls import path


def fixed_string(request):
    return HttpResponse("ok")


urlpatterns = [path("", fixed_string)]
