"""The code box on the verify page and the set-up form, in plain words."""

from django import forms
from django.contrib.auth import authenticate
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .recovery import normalise

WRONG_CODE = (
    "That code did not work. Check it and try again. The code in the app changes every "
    "30 seconds, so use the one it shows now."
)
TOO_MANY = "You have typed several wrong codes. Wait a moment, then try again."


def code_field(help_text: str) -> forms.CharField:
    return forms.CharField(
        label="Code",
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": "Type the code from your authenticator app."},
    )


class VerifyForm(forms.Form):
    """Six digits are a code from the authenticator app; anything else is a recovery code. Picking
    the device from what was typed means a wrong app code never counts against the recovery codes
    (django-otp slows each device down after wrong codes, doubling the wait each time)."""

    code = code_field("The 6-digit code from your authenticator app, or one of your recovery codes.")

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_code(self):
        typed = normalise(self.cleaned_data["code"])
        model = TOTPDevice if typed.isdigit() else StaticDevice
        throttled = False
        with transaction.atomic():
            # Locked rows (on PostgreSQL), so two quick posts of one recovery code cannot both use it.
            for device in model.objects.devices_for_user(self.user, confirmed=True).select_for_update():
                if not device.verify_is_allowed()[0]:
                    throttled = True
                elif device.verify_token(typed):
                    self.device = device
                    return typed
        raise forms.ValidationError(TOO_MANY if throttled else WRONG_CODE)


class SetUpForm(forms.Form):
    """The first code from the new app proves it was set up; the password proves it is the account's
    owner, not someone who found a signed-in computer."""

    code = code_field("The 6-digit code the app shows for this account.")
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="The one you signed in with. We ask to be sure it is you.",
        error_messages={"required": "Type your password."},
    )

    def __init__(self, request, device, *args, **kwargs):
        self.request = request
        self.device = device
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_password(self):
        # authenticate(), not check_password(): wrong passwords here count towards the lockout too.
        user = self.request.user
        if authenticate(self.request, username=user.get_username(), password=self.cleaned_data["password"]) != user:
            raise forms.ValidationError("That is not your password. Try again.")
        return ""

    def clean(self):
        # The code only after the password is right: the app's code works once, so checking it
        # first would make it fail on the second try after a mistyped password.
        if "password" in self.cleaned_data and "code" in self.cleaned_data:
            if not self.device.verify_token(normalise(self.cleaned_data["code"])):
                self.add_error("code", WRONG_CODE)
        return self.cleaned_data
