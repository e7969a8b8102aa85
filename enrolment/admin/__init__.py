"""The staff side of enrolment in the Wagtail admin: students, run registers, enrolling and
cancelling on someone's behalf, the waiting list, offers to phone, and following up what email
could not do (people to call, emails not sent). Registered in enrolment/wagtail_hooks.py. These
are interfaces only: every change is made by enrolment.services or notices (staff.py,
addresses.py) with the signed-in member of staff as the actor."""
