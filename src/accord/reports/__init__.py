"""Results in words, tables, JSON, Markdown and HTML; nothing here computes an analysis."""
