"""``python -m pipeline`` is the ``newsbeam`` command."""
import sys

from .cli import main

sys.exit(main())
