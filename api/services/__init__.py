"""Domain services: the rules of the app, independent of HTTP."""
