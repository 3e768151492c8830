"""Helpers shared by the tests: recordings, test doubles, in-memory keyring."""
