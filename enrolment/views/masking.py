"""What the pages show of an address we just emailed: enough to spot a typo, not enough to harvest."""


def mask_email(email: str) -> str:
    """'jo.bloggs@example.org' -> 'j•••@example.org'."""
    name, _, domain = email.partition("@")
    return f"{name[:1]}•••@{domain}"
