"""Wagtail's snippet choosers (the pop-up lists behind "Choose a location") open for anyone who can
reach the admin. Ours open only for staff who hold some permission on that kind of snippet, so a
facilitator, who sees nothing but their own registers, cannot list them by typing the address.
Used by every snippet viewset of ours (courses/wagtail_hooks.py, notices/wagtail_hooks.py)."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from wagtail.coreutils import resolve_model_string
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet

ANY_PERMISSION = ["add", "change", "delete", "view"]


def only_for(policy: ModelPermissionPolicy, view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not policy.user_has_any_permission(request.user, ANY_PERMISSION):
            raise PermissionDenied  # Wagtail's admin turns this into its "no permission" redirect
        return view(request, *args, **kwargs)

    return checked


class PermissionCheckedChooserViewSet(SnippetChooserViewSet):
    def get_urlpatterns(self):
        policy = ModelPermissionPolicy(resolve_model_string(self.model))
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = only_for(policy, pattern.callback)
        return patterns
