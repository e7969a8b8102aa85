"""Staff sign-in in the Wagtail admin: the verify and set-up pages, recovery codes, and an admin's
"Reset two-factor sign-in" for another member of staff (on the Users listing and a user's page)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import views
from .rules import can_reset_two_factor


@hooks.register("register_admin_urls")
def register_staff_sign_in_urls():
    return [
        path("two-factor/verify/", views.VerifyView.as_view(), name="staffauth_verify"),
        path("two-factor/set-up/", views.SetUpView.as_view(), name="staffauth_set_up"),
        path("two-factor/recovery-codes/", views.RecoveryCodesView.as_view(), name="staffauth_recovery_codes"),
        path("two-factor/reset/<int:user_id>/", views.ResetView.as_view(), name="staffauth_reset"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("staffauth_recovery_codes"),
        "label": "Two-factor sign-in",
        "help_text": "Recovery codes, or moving to a new phone.",
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if can_reset_two_factor(request_user, user):
        yield Button(
            "Reset two-factor sign-in", reverse("staffauth_reset", args=[user.pk]), icon_name="key", priority=110
        )


@hooks.register("register_permissions")
def reset_two_factor_permission():
    """Lets admins give "reset two-factor sign-in" to a group in Settings > Groups."""
    return Permission.objects.filter(content_type__app_label="staffauth", codename="reset_two_factor")
