"""``python -m vnnews_extract``: the vnnews-extract command."""

import sys

from .cli import main

sys.exit(main())
