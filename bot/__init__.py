"""Vital Few: the platform-agnostic core.

Nothing here imports a chat platform or a database library; adapters/ and storage/
plug into the ports defined in ``bot.ports``.
"""
