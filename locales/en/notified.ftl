# After an act on a question: those whose notice waits for their quiet hours to end.
pool-held = 🌙 Waiting for their quiet hours to end: { $count }.
