"""Questions asked of a model: stability tables and equilibria, and why."""
