from .enrol import enrol, thank_you
from .links import open_link
from .my_courses import (
    act,
    ask_for_sign_in_link,
    change_details,
    delete_my_data,
    my_courses,
    sign_in_link_sent,
    sign_out_view,
    signed_out,
)

__all__ = [
    "act",
    "ask_for_sign_in_link",
    "change_details",
    "delete_my_data",
    "enrol",
    "my_courses",
    "open_link",
    "sign_in_link_sent",
    "sign_out_view",
    "signed_out",
    "thank_you",
]
