from django.db import models


class OutwardCode(models.Model):
    """The centre of a postcode district (the part before the space: 'OX4' of 'OX4 1AA').

    Filled by `manage.py import_outward_codes` from Open Government Licence data, so finding
    courses near a postcode never calls a service outside the college."""

    code = models.CharField(max_length=4, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    postcode_count = models.PositiveIntegerField(
        default=0, help_text="How many live postcodes the centre was averaged from (0 if approximate)."
    )
    source = models.CharField(max_length=200, help_text="Where the figures came from, for attribution.")

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
