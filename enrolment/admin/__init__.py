"""The staff side of enrolment in the Wagtail admin: students, run registers, enrolling and
cancelling on someone's behalf, the waiting list, and offers to phone. Registered in
enrolment/wagtail_hooks.py. These are interfaces only: every change is made by enrolment.services
with the signed-in member of staff as the actor."""
