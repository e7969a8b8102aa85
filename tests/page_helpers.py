"""Comparing two responses' pages as a person would see them."""

import re

NONCE = re.compile(r' nonce="[^"]*"')


def without_nonces(html: str) -> str:
    """The page minus its Content-Security-Policy nonces, which are new on every response by design
    (college/csp.py) and invisible to the person reading it."""
    return NONCE.sub("", html)
