"""A certificate of attendance sent as a file, the same way for staff (the register) and for the
student (My courses): what is on it is enrolment.selectors.certificate_for, the drawing is
enrolment/certificates.py.

As with every download (home/downloads.py): the file name says what the file is and its date,
never whose it is, because a Downloads folder is seen by whoever uses the computer next; and no
browser cache or proxy keeps a copy."""

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from home.downloads import safe_filename

from .certificates import Certificate, certificate_pdf


def certificate_download(certificate: Certificate) -> HttpResponse:
    """The PDF as an attachment named after the course's last day, for example
    certificate-of-attendance-2027-03-02.pdf: the day it certifies, so certificates for two
    courses never share a name."""
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    filename = safe_filename("certificate of attendance", file_format="pdf", today=certificate.last_date)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    add_never_cache_headers(response)
    return response
