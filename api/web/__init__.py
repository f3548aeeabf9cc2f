"""The web pages: server-rendered HTML over the same query functions as the JSON API."""
