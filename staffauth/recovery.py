"""Recovery codes: ten single-use codes a member of staff keeps on paper, for the day their phone
is lost, broken or left at home. They are django-otp "static" tokens: each is deleted when used."""

from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Recovery codes"


@transaction.atomic
def make_recovery_codes(user) -> list[str]:
    """Replace any codes the person had with a new set and return them, to be shown once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def readable(code: str) -> str:
    """'abcdefgh' is shown as 'abcd-efgh': easier to copy down. Typed either way, it works."""
    return f"{code[:4]}-{code[4:]}"


def normalise(typed: str) -> str:
    return "".join(ch for ch in typed.lower() if ch.isalnum())


@transaction.atomic
def forget_devices(user) -> int:
    """Remove every two-factor device (authenticator apps and recovery codes) the person has."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed
