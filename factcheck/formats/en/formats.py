"""English formats for the site: British, as before the site spoke two languages.

The English language code is `en` (Article.language, the unprefixed URLs), whose Django
defaults are American ("Oct. 2, 2024", 10/25/2006 in forms); the desk writes "2 Oct 2024".
"""

from django.conf.locale.en_GB.formats import *  # noqa: F403
