"""The test suite. A package, so that pytest puts the repository on sys.path and `tests.…` imports
resolve from whatever folder pytest is run in."""
