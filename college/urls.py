from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from college import health
from courses import urls as course_urls
from enrolment import urls as enrolment_urls
from equality import urls as equality_urls
from home import views as home_views
from notices import webhooks as notices_webhooks
from privacy import urls as privacy_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # For the load balancer (live: can this process serve?) and monitoring (everything): health.py.
    path("health/", health.health, name="health"),
    path("health/live/", health.live, name="health_live"),
    # Its facts are code (home/accessibility.py), kept true by tests; before Wagtail's pages.
    path("accessibility-statement/", home_views.accessibility_statement, name="accessibility_statement"),
    # The email provider's delivery events (bounces, spam complaints), for the provider in use and
    # only with a WEBHOOK_SECRET: notices/webhooks.py, then notices/receivers.py.
    path("anymail/", include((notices_webhooks.tracking_urlpatterns(), "anymail"))),
    path("", include(course_urls)),
    path("", include(enrolment_urls)),
    path("", include(privacy_urls)),  # a student's own subject access download
    path("", include(equality_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    from notices import dev_views

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # Emails kept by EMAIL_PROVIDER=files. No login: never in production.
    urlpatterns += [path("dev/emails/", include((dev_views.urlpatterns, "dev_emails")))]

urlpatterns += [path("", include(wagtail_urls))]
