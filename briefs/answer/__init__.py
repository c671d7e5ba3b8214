"""Answering follow-up questions: retrieval, passages, the reader and the LLM answerer."""
