"""Every kind of email is one row of notices/kinds.py: each row has its builder, both templates,
a sample for the editor's preview, placeholders staff are told the meaning of, and suggested words
that pass the same checks staff's words do. A new row missing any of them fails here, by name."""

from pathlib import Path

import pytest
from django.conf import settings

from notices import kinds, wording
from notices.content import facts, samples

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "notices" / "email"


@pytest.mark.parametrize("row", kinds.TABLE, ids=lambda row: row.value)
def test_each_kind_has_everything_an_email_needs(row):
    assert callable(facts.BUILDERS[row.value])
    for suffix in (".html", ".txt"):
        assert (TEMPLATES / f"{row.template}{suffix}").exists(), f"{row.template}{suffix}"
    assert set(row.placeholders) <= set(wording.MEANINGS)
    wording.validate(row.value, subject=row.words.subject, preview=row.words.preview, body=row.words.body)


@pytest.mark.django_db
@pytest.mark.parametrize("row", kinds.TABLE, ids=lambda row: row.value)
def test_each_kind_can_be_previewed_with_made_up_details(row, home_page):
    shown = samples.preview(row.value, row.words)
    assert shown["subject"] == row.words.subject and "Alex" in shown["text"]


def test_the_stored_choices_are_the_tables_rows():
    assert [(kind.value, kind.label) for kind in kinds.Kind] == [(row.value, row.label) for row in kinds.TABLE]
    assert set(kinds.CALL_KINDS) >= set(kinds.REMINDER_KINDS) | set(kinds.OFFER_KINDS)
