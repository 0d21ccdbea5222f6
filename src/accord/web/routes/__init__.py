"""The API's routers: analyses of a model's text, long-running jobs, and the workspace."""
