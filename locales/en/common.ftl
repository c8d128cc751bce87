error-internal = Sorry, something went wrong on our side. Please try again in a minute.
error-stale-button = This button is out of date. Open the menu again: /help
fallback-unknown-command = I don't know this command. Here is what I can do: /help
fallback-text = I didn't understand. To ask the akim a question, open /meetings and press "Ask a question". All commands: /help
fallback-unsupported = I understand text messages and buttons. All commands: /help
cancel-button = ✖️ Cancel
back-button = ⬅️ Back
cancelled = Cancelled. Nothing was changed.
# Each language by its own name: the same in every locale, so anyone finds theirs.
language-name-kk = Қазақша
language-name-ru = Русский
language-name-en = English
access-denied = You have no rights for this: it belongs to another akimat. The attempt has been recorded.
