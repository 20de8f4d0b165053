"""Scoring on phones: the session's rules, the web server, and the window <-> server protocol."""
