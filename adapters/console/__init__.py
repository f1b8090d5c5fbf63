"""The terminal adapter: the very same core as the chat adapters, over stdin/stdout."""

from adapters.console.adapter import ConsoleAdapter, ConsoleNotifier, render

__all__ = ["ConsoleAdapter", "ConsoleNotifier", "render"]
