"""Collecting scores on phones: the server's Qt side, the facilitator's panel, the join screen."""
