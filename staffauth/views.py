"""Two-factor sign-in pages for staff: verify (a code from the app or a recovery code), set up an
authenticator app (then recovery codes, shown once), and an admin's reset of someone else's.

Why our own views on django-otp rather than wagtail-2fa 1.8: its wagtail_hooks module imports
`wagtail.users.widgets`, which Wagtail 8 no longer has, so installing it breaks every admin page;
and its code form sends no device, which django-otp 1.7 refuses ("Please select a device."), so
nobody could verify. See docs/staff-sign-in.md."""

import logging
from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .forms import SetUpForm, VerifyForm
from .recovery import codes_left, forget_devices, make_recovery_codes, readable
from .rules import can_reset_two_factor

logger = logging.getLogger(__name__)

# New codes wait here between the set-up form and the page that shows them, then are removed.
NEW_CODES_SESSION_KEY = "staffauth_new_recovery_codes"


def safe_next(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def is_verified(user) -> bool:
    return getattr(user, "is_verified", lambda: False)()


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class VerifyView(FormView):
    template_name = "staffauth/verify.html"
    form_class = VerifyForm

    def dispatch(self, request, *args, **kwargs):
        if is_verified(request.user):
            return redirect(safe_next(request))
        if not user_has_device(request.user):
            return redirect(f"{reverse('staffauth_set_up')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next(self.request), **kwargs)

    def form_valid(self, form):
        otp_login(self.request, form.device)
        if isinstance(form.device, StaticDevice):
            left = codes_left(self.request.user)
            messages.warning(
                self.request,
                (
                    f"You used a recovery code. You have {left} left. If you have lost your phone, ask an "
                    "admin to reset your two-factor sign-in, then set it up again on your new phone."
                ),
            )
        return redirect(safe_next(self.request))


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class SetUpView(FormView):
    """Also how someone moves to a new phone once signed in: the new app replaces the old one."""

    template_name = "staffauth/set_up.html"
    form_class = SetUpForm

    def dispatch(self, request, *args, **kwargs):
        # Someone with an app must prove it first, or a found signed-in computer could add its own.
        if user_has_device(request.user) and not is_verified(request.user):
            return redirect(f"{reverse('staffauth_verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def device(self) -> TOTPDevice:
        # The same unconfirmed device until it is confirmed, so reloading the page keeps the picture
        # the person may already have scanned.
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=self.request.user, name="Authenticator app", confirmed=False)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request, "device": self.device}

    def get_context_data(self, **kwargs):
        picture = qrcode.make(self.device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=15)
        key = b32encode(self.device.bin_key).decode().rstrip("=")
        return super().get_context_data(
            qr_code=mark_safe(picture.to_string(encoding="unicode")),  # noqa: S308 (our own SVG)
            key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            next=safe_next(self.request),
            replacing=user_has_device(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        user = self.request.user
        TOTPDevice.objects.filter(user=user).exclude(pk=self.device.pk).delete()  # one app: the new one
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        otp_login(self.request, self.device)
        self.request.session[NEW_CODES_SESSION_KEY] = make_recovery_codes(user)
        next_query = urlencode({REDIRECT_FIELD_NAME: safe_next(self.request)})
        return redirect(f"{reverse('staffauth_recovery_codes')}?{next_query}")


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(AdminPage):
    """Shows a new set of codes once. After that they cannot be shown again, only replaced."""

    template_name = "staffauth/recovery_codes.html"
    page_title = "Two-factor sign-in"

    def get_context_data(self, **kwargs):
        codes = self.request.session.pop(NEW_CODES_SESSION_KEY, None)
        return super().get_context_data(
            codes=[readable(code) for code in codes or []],
            codes_left=codes_left(self.request.user),
            has_app=TOTPDevice.objects.filter(user=self.request.user, confirmed=True).exists(),
            next=safe_next(self.request),
            **kwargs,
        )

    def post(self, request):
        """A new set (the old codes stop working), for someone who has used or lost theirs."""
        if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return redirect("staffauth_set_up")
        request.session[NEW_CODES_SESSION_KEY] = make_recovery_codes(request.user)
        return redirect("staffauth_recovery_codes")


class ResetView(AdminPage):
    """Confirm page (GET), then the reset (POST): for someone who lost their phone and codes."""

    template_name = "staffauth/reset_confirm.html"

    def dispatch(self, request, user_id):
        self.person = get_object_or_404(get_user_model(), pk=user_id)
        if not can_reset_two_factor(request.user, self.person):
            # A plain 403, not Wagtail's usual redirect to the dashboard: nothing here for them.
            return defaults.permission_denied(request, PermissionDenied())
        return super().dispatch(request, user_id)

    def get_page_title(self):
        return f"Reset two-factor sign-in: {get_user_display_name(self.person)}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailusers_users:index"), "label": "Users"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            name=get_user_display_name(self.person),
            has_device=user_has_device(self.person, confirmed=None),
            back_url=reverse("wagtailusers_users:edit", args=[self.person.pk]),
            **kwargs,
        )

    def post(self, request, user_id):
        removed = forget_devices(self.person)
        # Ids only: names stay out of the logs.
        logger.info(
            "Two-factor sign-in reset: user %s reset user %s (%s devices removed)",
            request.user.pk,
            self.person.pk,
            removed,
        )
        messages.success(
            request,
            (
                f"Two-factor sign-in reset for {get_user_display_name(self.person)}. "
                "They will set it up again the next time they sign in."
            ),
        )
        return redirect("wagtailusers_users:index")
