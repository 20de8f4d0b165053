"""Scoring on phones: the session's rules, the web server, and the window <-> server protocol."""

# Here rather than in ``protocol`` so that the command line can offer them without loading it.
DEFAULT_PORT = 8765
UPDATE_SECONDS = 0.25  # the window hears about phones at most this often while they answer
