"""Building the email for a ledger row. (Placeholder: the real templates land with the wording.)"""

from django.core.mail import EmailMultiAlternatives


def build_email(notice) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject="Message from the college", body=f"{notice.kind}",
                                     to=[notice.student.email],
                                     headers={"Message-ID": f"<notice-{notice.pk}@college>"})
    return message


def build_batch(notices) -> EmailMultiAlternatives:
    raise NotImplementedError
