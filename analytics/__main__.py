"""`python -m analytics ...`: see analytics/cli.py."""

import sys

from analytics.cli import main

sys.exit(main())
