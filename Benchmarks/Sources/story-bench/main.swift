print("story-bench: not yet")
