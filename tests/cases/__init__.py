"""Published and reference GMCR cases (``accord-case/1`` fixtures) and their loader."""
