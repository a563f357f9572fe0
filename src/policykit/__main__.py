"""``python -m policykit``: the project's one command line (see `policykit.cli`)."""

import sys

from policykit.cli import main

sys.exit(main())
