"""Adapters: each translates one platform into core calls and core replies into its UI."""
