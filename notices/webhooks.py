"""Where the email provider posts its delivery events: /anymail/<provider>/tracking/, for the
provider in use only, and only once it has a password to check (WEBHOOK_SECRET, given to the
provider as https://user:password@.../). Anymail only warns when that is missing and then believes
anyone, so without it there is no webhook at all: a forged bounce would stop a student's emails.
With console, files or smtp nobody posts events, so nothing is mounted either.

What anymail answers is kept (400 for a wrong password or signature, 401 from Amazon SES when it
is missing), except that a post it cannot read is a 400 here too, not a 500: providers retry a 500
for days, and the same broken post never gets better."""

import logging

from anymail.exceptions import AnymailAPIError, AnymailConfigurationError, AnymailImproperlyInstalled
from anymail.webhooks.amazon_ses import AmazonSESTrackingWebhookView
from anymail.webhooks.brevo import BrevoTrackingWebhookView
from anymail.webhooks.mailgun import MailgunTrackingWebhookView
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from anymail.webhooks.sendgrid import SendGridTrackingWebhookView
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseBadRequest
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger(__name__)

TRACKING_VIEWS = {
    "postmark": PostmarkTrackingWebhookView,
    "sendgrid": SendGridTrackingWebhookView,
    "mailgun": MailgunTrackingWebhookView,
    "brevo": BrevoTrackingWebhookView,
    "amazon_ses": AmazonSESTrackingWebhookView,
}
# Besides the password, what a provider's view needs to check a post is really from it.
SIGNING_SETTINGS = {"mailgun": "MAILGUN_WEBHOOK_SIGNING_KEY"}

# A post that is not what the provider sends: broken JSON, a missing field, a list for an object,
# an SNS message of no known type. Anymail lets these out as they are.
UNREADABLE = (ValueError, KeyError, TypeError, AttributeError, AnymailAPIError, AnymailConfigurationError)


def missing_webhook_settings(provider: str, anymail: dict) -> list[str]:
    """The settings `provider`'s webhook still needs; empty when it can be mounted safely."""
    needed = ["WEBHOOK_SECRET", *filter(None, [SIGNING_SETTINGS.get(provider)])]
    return [name for name in needed if not anymail.get(name)]


def tracking_urlpatterns() -> list:
    """For college/urls.py, under "anymail/". Read once, when the URLs load, like all settings."""
    provider = settings.EMAIL_PROVIDER
    if provider not in TRACKING_VIEWS or missing_webhook_settings(provider, settings.ANYMAIL):
        return []
    return [path(f"{provider}/tracking/", tracking_webhook(provider), name=f"{provider}_tracking_webhook")]


def tracking_webhook(provider: str):
    anymail_view = TRACKING_VIEWS[provider].as_view()

    @csrf_exempt
    @login_not_required
    def view(request, *args, **kwargs):
        # The password is read again for each post (anymail does too): a mounted webhook never
        # believes a post without one, even if the settings change under it (as tests do).
        if missing_webhook_settings(provider, settings.ANYMAIL):
            raise Http404
        try:
            return anymail_view(request, *args, **kwargs)
        except AnymailImproperlyInstalled:
            raise  # our fault, not the post's: a 500 makes the provider try again once it is fixed
        except UNREADABLE as error:
            # The error's own text can quote the post, addresses and all: only its kind is logged.
            logger.warning("Refused a %s tracking post we could not read (%s).", provider, type(error).__name__)
            return HttpResponseBadRequest()

    return view
