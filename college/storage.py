"""Static files storage for production: WhiteNoise's compressed, hashed files, forgiving one thing.

Packages sometimes ship minified CSS and JavaScript whose last line names a source map they do not
ship (wagtail-nhsuk-frontend 2.1.0 does, for its CSS and JS). Django's manifest storage treats that
comment like any other reference and stops `collectstatic` with MissingFileError, so no manifest
is written and every page that links a static file answers 500. A source map is only a debugging
aid for browser developer tools: a comment naming a missing one is left as it is. A missing file
that a page needs (a CSS `url()` or `@import`) still stops `collectstatic`, as Django intends.
"""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class ForgivingSourceMapsStorage(CompressedManifestStaticFilesStorage):
    def url_converter(self, name, hashed_files, template=None):
        converter = super().url_converter(name, hashed_files, template)
        # Django's patterns for the sourceMappingURL comments (CSS and JS) are the only ones whose
        # replacement template names it; matching on that, not on file names, survives upgrades.
        if template is None or "sourceMappingURL" not in template:
            return converter

        def keep_missing_source_map(matchobj):
            try:
                return converter(matchobj)
            except ValueError as error:
                # Raised by hashed_name when the named file does not exist.
                if "could not be found" not in str(error):
                    raise
                logger.debug("%s names source map %s, which is not shipped: left as it is", name, matchobj.group("url"))
                return matchobj.group("matched")

        return keep_missing_source_map
