"""What django-axes shows after too many wrong passwords: a kind page in the admin's look that says
when to try again and who can help, instead of axes' one line of text."""

from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def locked_out(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=address)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    try_again_at = timezone.localtime((last or timezone.now()) + cool_off)
    return render(
        request,
        "staffauth/locked_out.html",
        {
            "try_again_at": try_again_at,
            "minutes": int(cool_off.total_seconds() // 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def describe_client(username, ip_address, user_agent, path_info, request):
    """How axes names a client in its log lines: the page only. Usernames are often people's names
    and addresses are personal data, and neither may go in our logs; the records of sign-in
    attempts (axes' tables in the database) keep them for anyone who must look."""
    return f"a sign-in to {path_info}"
