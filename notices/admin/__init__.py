"""The staff screens for messages that did not reach a student by email: "People to call" and
"Emails not sent", with their one-press buttons. Registered in notices/wagtail_hooks.py."""
