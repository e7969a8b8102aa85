"""What the ledger keeps about a student that could say who they were, blanked when they are
erased (enrolment.services.forgetting calls this through its port, connected in apps.py): a
provider's bounce message can quote their address, and a change's details are free text. The rows
stay, so the record of what was sent and when is still true."""

from .models import Notice


def erase_notices_of(student_id: int) -> None:
    Notice.objects.filter(student_id=student_id).update(details="", problem="")
