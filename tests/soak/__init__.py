"""Crash soak tests: kill -9 loops against the delivery engine and a naive baseline."""
