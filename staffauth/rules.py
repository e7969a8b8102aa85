"""Who counts as staff, and who may reset whose two-factor sign-in: in one place, so the
middleware, the views and the admin buttons agree."""

RESET_PERMISSION = "staffauth.reset_two_factor"


def can_reach_admin(user) -> bool:
    """Anyone who could open the Wagtail admin: the accounts two-factor sign-in guards and the
    idle time-out applies to. Students never have accounts, so they are never caught."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def can_reset_two_factor(actor, person) -> bool:
    """Superusers, or people given the permission. Only a superuser may reset a superuser, so the
    permission never reaches above the person who holds it."""
    if not (actor.is_authenticated and actor.is_active):
        return False
    if person.is_superuser and not actor.is_superuser:
        return False
    return actor.is_superuser or actor.has_perm(RESET_PERMISSION)
