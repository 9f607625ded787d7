"""``python -m quizgen.scorm``: the whole course's site as a SCORM 1.2 package (`make scorm`)."""

import sys

from . import main

sys.exit(main())
