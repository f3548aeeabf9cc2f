"""`python -m lscp`: the same command line as `lscp`."""
from lscp.api.cli import main

raise SystemExit(main())
