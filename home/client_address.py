"""The address a request came from, for the per-address rate limits (enrolment/limits.py) and
anything else that counts by address.

django-ratelimit calls `client_address` (settings.RATELIMIT_IP_META_KEY names it). Behind a proxy
the socket address is the proxy's, so the proxy puts the visitor's address in a header, named by
the RATELIMIT_IP_META_KEY environment variable (README). If that header is missing or is not an
address, django-ratelimit alone would raise and every public form would answer 500: instead the
request is counted by the socket address and a warning names the header, so the proxy can be
fixed while students can still enrol. Log lines name the header, never an address."""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)

# Counted together when even the socket address is unusable (a Unix socket without the header).
UNKNOWN = "0.0.0.0"


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    header = settings.CLIENT_ADDRESS_HEADER
    if header:
        # A list (X-Forwarded-For) ends with the address our own proxy saw; the entries before
        # it are whatever the visitor claimed, so only the last is trusted.
        address = _address(request.META.get(header, "").rsplit(",", 1)[-1])
        if address:
            return address
        logger.warning(
            "The %s header is missing or is not an address, so this request is counted "
            "by the address it connected from. Check the proxy sets it (README: "
            "RATELIMIT_IP_META_KEY).",
            header,
        )
    address = _address(request.META.get("REMOTE_ADDR") or "")
    if address:
        return address
    logger.warning(
        "This request has no address to count it by, so it shares its rate limit with "
        "others like it. Behind a proxy, set RATELIMIT_IP_META_KEY (README)."
    )
    return UNKNOWN
