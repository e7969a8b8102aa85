"""The registry of personal data (privacy/registry.py) stays complete: a new field that looks
personal fails here, by name, until someone says what it is, how long it is kept and what erases
it, or says why it is not personal."""

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps
from django.utils.module_loading import import_string

from privacy import registry
from privacy.models import RetentionSettings

OUR_APPS = {
    "home",
    "geo",
    "courses",
    "enrolment",
    "notices",
    "reports",
    "staffauth",
    "monitoring",
    "equality",
    "privacy",
}
# Staff's own names and addresses live in Django's user model.
ALSO_CHECKED = {"auth.User"}

# Parts of a field's name (split at "_") that suggest it holds something about a person: who they
# are and how to reach them (name, email, phone, address, postcode, birth, ip, photo); their
# health or circumstances (support, supporter, carer, needs, goals, health, condition); and places
# where people write freely, about themselves or others (note, reason, comment, details, problem,
# message, helped, better, bio, description of someone).
PERSONAL_WORDS = {
    *("name", "username", "email", "phone", "mobile", "address", "postcode", "birth", "dob", "ip", "photo"),
    *("contact", "support", "supporter", "carer", "needs", "goals", "health", "condition", "gender", "ethnicity"),
    *("note", "notes", "reason", "comment", "comments", "details", "problem", "message", "helped", "better", "bio"),
}
# Field types that hold personal data whatever their name: an email address, an internet address,
# and free text (TextField, so RichTextField too), which can hold anything anyone types.
PERSONAL_TYPES = (models.EmailField, models.GenericIPAddressField, models.TextField)


def our_models():
    for model in apps.get_models():
        if model._meta.proxy:
            continue  # the same table and fields as the model it stands for
        if model._meta.app_label in OUR_APPS or model._meta.label in ALSO_CHECKED:
            yield model


def own_fields(model):
    """The fields a model declares (with its abstract parents), not those of a concrete parent
    such as Wagtail's Page, nor the keys Django adds."""
    for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
        if not field.auto_created:
            yield field


def why_it_looks_personal(field) -> str | None:
    words = set(field.name.lower().split("_"))
    if found := sorted(words & PERSONAL_WORDS):
        return f"its name has '{found[0]}'"
    if isinstance(field, PERSONAL_TYPES):
        return f"it is a {type(field).__name__}, which can hold anything typed in"
    return None


def unregistered(models_to_check) -> list[str]:
    problems = []
    for model in models_to_check:
        for field in own_fields(model):
            key = f"{model._meta.label}.{field.name}"
            why = why_it_looks_personal(field)
            if why and key not in registry.FIELDS and key not in registry.NOT_PERSONAL:
                problems.append(
                    f"{key} looks personal ({why}) but is not in privacy/registry.py: add it to FIELDS "
                    "(what it is, its category, the Rule that erases it), or, if it is never about a "
                    "person, to NOT_PERSONAL with the reason."
                )
    return problems


def field_exists(key: str) -> bool:
    label, _, name = key.rpartition(".")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):  # no such model, or not a model label at all
        return False
    return any(field.name == name for field in model._meta.get_fields())


def test_every_field_that_looks_personal_is_in_the_registry():
    assert not unregistered(our_models()), "\n".join(unregistered(our_models()))


def test_the_registry_names_only_fields_that_exist():
    gone = [key for key in [*registry.FIELDS, *registry.NOT_PERSONAL] if not field_exists(key)]
    assert not gone, f"privacy/registry.py names fields that no longer exist: {gone}"


def test_no_field_is_both_personal_and_not():
    assert not set(registry.FIELDS) & set(registry.NOT_PERSONAL)


def test_each_place_outside_the_models_is_not_a_field():
    assert not [key for key in registry.PLACES if field_exists(key)]


@pytest.mark.parametrize("entry", [*registry.FIELDS.values(), *registry.PLACES.values()])
def test_each_entry_says_its_category_and_a_setting_that_exists(entry):
    assert entry.category in (
        registry.IDENTITY,
        registry.HEALTH,
        registry.FREE_TEXT,
        registry.TECHNICAL,
        registry.EQUALITY,
    )
    assert entry.what and entry.rule.kept and entry.rule.erased and entry.rule.by
    if entry.rule.setting:
        assert entry.rule.setting in {field.name for field in RetentionSettings._meta.get_fields()}


def test_each_function_a_rule_names_exists():
    # A renamed function would leave the registry pointing at nothing.
    for rule in {entry.rule for entry in [*registry.FIELDS.values(), *registry.PLACES.values()]}:
        path = rule.by.split()[0].rstrip(",;:")
        if path.split(".")[0] in OUR_APPS:
            import_string(path)


def test_the_main_personal_fields_are_registered_with_the_rule_that_erases_them():
    fields = registry.FIELDS
    assert fields["enrolment.Student.support_needs"].category == registry.HEALTH
    assert fields["enrolment.Student.support_needs"].rule.setting == "support_needs_days"
    assert fields["enrolment.WalkIn.phone"].rule.setting == "walk_in_days"
    assert fields["notices.Notice.message_id"].rule.by == "notices.retention.blank_old_notices"
    assert "forget_student" in fields["enrolment.Student.email"].rule.by
    assert {"auth.User.first_name", "auth.User.last_name", "auth.User.email"} <= set(fields)
    assert {"rate-limit counts", "logs", "browser sessions", "signed links", "email provider"} <= set(registry.PLACES)


@isolate_apps("privacy")
def test_the_check_catches_a_new_personal_field_and_passes_plain_ones():
    class ThrowAway(models.Model):
        carer_phone = models.CharField(max_length=30)
        staff_remarks = models.TextField()
        backup_address = models.EmailField()
        capacity = models.PositiveSmallIntegerField()
        starts_on = models.DateField()

        class Meta:
            app_label = "privacy"
            managed = False

        def __str__(self) -> str:
            return "throwaway"

    problems = unregistered([ThrowAway])
    assert len(problems) == 3, problems
    assert problems[0].startswith("privacy.ThrowAway.carer_phone looks personal (its name has 'carer')")
    assert "privacy.ThrowAway.staff_remarks looks personal (it is a TextField" in problems[1]
    assert "privacy.ThrowAway.backup_address" in problems[2]
    assert "add it to FIELDS" in problems[0]


def test_a_name_that_only_contains_a_short_word_is_not_flagged():
    # "ip" inside "description" or "relationship" is not an internet address.
    assert why_it_looks_personal(models.CharField(name="description")) is None
    assert why_it_looks_personal(models.CharField(name="remote_ip")) == "its name has 'ip'"
