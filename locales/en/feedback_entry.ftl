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
entry-file-button = 📥 Several at once, from a file (XLSX)
entry-file-ask = Fill in this template, one row per question or proposal (at most { $max } rows, up to { $megabytes } MB), and send it back here. The second sheet lists the words each column takes. Nothing is saved unless every row is right.
entry-file-too-big = The file is larger than { $megabytes } MB.
entry-file-rejected = ❌ <b>The file was not accepted; nothing was saved.</b>
entry-file-saved = ✅ { $count ->
    [one] { $count } entry saved
   *[other] { $count } entries saved
} and counted in the feedback index.
entry-file-not-xlsx = this is not an .xlsx workbook: save it in Excel as “Excel Workbook (.xlsx)” and send it again
entry-file-header = row { $row }, { $column }: the header «{ $value }» is not the template's; keep the template's first row
entry-file-no-rows = there are no rows under the header
entry-file-too-many-rows = row { $row }: more than { $max } rows; send the rest in another file
entry-file-formula = row { $row }, { $column }: a formula («{ $value }»); type the value itself
entry-file-required = row { $row }, { $column }: empty, and this column is required
entry-file-bad-kind = row { $row }, { $column }: «{ $value }» is neither a question nor a proposal
entry-file-bad-channel = row { $row }, { $column }: «{ $value }» is not reception, letter or website
entry-file-bad-status = row { $row }, { $column }: «{ $value }» is not a status this kind of entry takes
entry-file-not-a-date = row { $row }, { $column }: «{ $value }» is not a date (write 05.11.2026)
entry-file-date-future = row { $row }, { $column }: { $value } has not come yet
entry-file-date-old = row { $row }, { $column }: { $value } is more than two years ago
entry-file-too-long = row { $row }, { $column }: { $value } characters is too long
entry-file-no-reference = row { $row }, { $column }: an accepted proposal needs its confirming reference
entry-xlsx-sheet = Entries
entry-xlsx-help-sheet = Words
entry-xlsx-help = What each column takes (the word or the code):
entry-xlsx-kind = Kind
entry-xlsx-channel = Channel
entry-xlsx-received = Received (dd.mm.yyyy)
entry-xlsx-status = Status
entry-xlsx-reference = Confirming reference
entry-xlsx-text = Content
entry-xlsx-status-new = not answered / under consideration
entry-xlsx-status-answered = answered
entry-xlsx-status-accepted = accepted
entry-xlsx-status-rejected = rejected
