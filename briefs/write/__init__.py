"""Writing briefings: sentences, people, quotes, numbers, summaries, ranking, grounding checks and the LLM writer."""
