"""Students' phone numbers in one spelling, E.164 ("01865 123 456" becomes "+441865123456"), as the
forms now store them (home/phones.py), so staff search finds every number however it was typed.

A stored value that does not read as a phone number (typed into the admin before numbers were
checked there, say "ring the office") is left exactly as it is: staff still see it and can correct
it. Going back does nothing: the E.164 spelling is still a number every version of the site reads."""

from django.db import migrations

from home.phones import NotAPhoneNumber, to_e164

BATCH = 500


def phones_to_e164(apps, schema_editor):
    Student = apps.get_model("enrolment", "Student")
    changed = []
    for student in Student.objects.exclude(phone="").only("pk", "phone").iterator(chunk_size=BATCH):
        try:
            e164 = to_e164(student.phone)
        except NotAPhoneNumber:
            continue
        if e164 != student.phone:
            student.phone = e164
            changed.append(student)
    Student.objects.bulk_update(changed, ["phone"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("enrolment", "0008_opening_alerts"),
    ]

    operations = [
        migrations.RunPython(phones_to_e164, migrations.RunPython.noop, elidable=True),
    ]
