# /received: questions and proposals received outside the bot (handlers/official/feedback_entry.py).
cmd-received = Enter a question or proposal received by other channels
entry-no-akimat = Only an official of an akimat enters what the akimat received by other channels.
entry-ask-akimat = Which akimat received it?
entry-ask-kind = What was received?
entry-kind-question = ❓ A question
entry-kind-proposal = 💡 A proposal
entry-ask-channel = How did it reach the akimat?
entry-channel-reception = 🏛 At a reception
entry-channel-letter = ✉️ By letter
entry-channel-site = 🌐 On the akimat's website
entry-ask-date = On which day was it received? Write the date as dd.mm.yyyy, for example 05.11.2026, or press the button.
entry-today-button = 📅 Today
entry-ask-status = Where does it stand now?
entry-status-question-new = ⏳ Not answered yet
entry-status-question-answered = ✅ Answered
entry-status-question-rejected = ↩️ Answered with a refusal
entry-status-proposal-new = ⏳ Under consideration
entry-status-proposal-accepted = ✅ Accepted
entry-status-proposal-rejected = ❌ Not accepted
entry-ask-reference = An accepted proposal is counted with its confirming reference: the action plan item, the clause of the act or the budget programme (up to 300 characters).
entry-ask-text = Write its content in a few sentences (up to 2000 characters).
entry-error-date = That is not a date. Write it as dd.mm.yyyy, for example 05.11.2026.
entry-error-date-future = That day has not come yet. Write the day it was received.
entry-error-date-old = That is more than two years ago; such an entry is not counted in any current period.
entry-error-text = The content must be between 1 and 2000 characters.
entry-error-reference = The reference must be between 1 and 300 characters.
entry-error-status = That status does not fit this kind of entry. Start again with /received.
entry-stale = This button is out of date. Start again with /received.
entry-use-buttons-or-text = Please answer this step with the buttons above or as it asks, or /cancel.
entry-saved = ✅ Entry No. { $number } saved and counted in the feedback index.
    { $kind } · { $channel } · { $day }
    { $status }
    <i>{ $text }</i>
