calendar-title = 🗓 <b>Meeting calendar for { $year }</b> · { $akimat }
calendar-status-draft = Status: draft (not yet agreed with the maslikhat).
calendar-status-agreed = Status: agreed with the maslikhat ({ $date }, No. { $number }).
calendar-status-approved = Status: approved { $approved } (maslikhat agreement: { $date }, No. { $number }).
calendar-status-submitted = Status: approved { $approved }, submitted to the Government { $submitted } (maslikhat agreement: { $date }, No. { $number }).
calendar-deadlines = Approve by { $approve }; submit to the Government by { $submit } ({ act-001 }, clauses 2.1–2.2).
calendar-deadline-submit = Submit by { $submit }.
calendar-empty = No meetings in the calendar yet. Press "➕ Add" or download the XLSX template.
calendar-entry = { $number }. { $icon } { $when } — { $venue } ({ $kind }){ $draft }
calendar-entry-draft = , draft No. { $id }
calendar-kind-reporting = reporting
calendar-kind-visiting = visiting
calendar-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
calendar-corrections = <b>Corrections:</b>
calendar-correction-agreed = No. { $number }, agreed { $date }, decision No. { $decision }: { $changes }
calendar-correction-open = No. { $number }, awaiting the maslikhat's agreement: { $changes }
calendar-more-entries = …and { $count } more meetings (all of them in the XLSX file).
calendar-btn-add = ➕ Add
calendar-btn-template = ⬇️ XLSX template
calendar-btn-upload = ⬆️ Upload XLSX
calendar-btn-agree = 🤝 Maslikhat agreement
calendar-btn-approve = ✅ Approved
calendar-btn-submit = 📤 Submitted to the Government
calendar-btn-draft = 📝 { $number } → draft
calendar-btn-remove = 🗑 { $number }
calendar-btn-mine = 👁 My localities
calendar-btn-cancel = ✖️ Cancel
calendar-btn-back = ⬅️ Calendar
calendar-ask-when = Type the month (1–12) or the date (dd.mm.yyyy) of the meeting in { $year }.
calendar-ask-venue = Type the venue (the name of a locality of your territory) or pick one below.
calendar-venue-none = Nothing in your territory matches "{ $query }". Try another spelling.
calendar-venue-found = Pick the venue:
calendar-ask-kind = { $venue }: what kind of meeting?
calendar-ask-agreement = Type the date and number of the maslikhat's decision, e.g. 04.01.{ $year } 12/3
calendar-ask-upload = Send the filled-in XLSX file (at most { $max } rows). If the file has errors, nothing is saved.
calendar-template-caption = Calendar template for { $year }. Column A: the month (1–12) or a date; B: the locality's KATO code (from the "Localities" sheet); C: the kind (reporting / visiting).
calendar-added = ✅ Added to the calendar.
calendar-removed = 🗑 Removed from the calendar.
calendar-agreed = 🤝 The maslikhat's agreement is recorded.
calendar-approved = ✅ The calendar is marked approved.
calendar-submitted = 📤 The calendar is marked submitted to the Government.
calendar-draft-made = 📝 Draft meeting No. { $id } created: { $when }, { $venue }. Check the time and place, then announce it: /mymeetings
calendar-draft-failed = No draft was created: check the meeting's details (/newmeeting).
calendar-file-accepted = ✅ File accepted: { $count } meetings in the calendar.
calendar-file-rejected = ❌ File not accepted, nothing was saved:
calendar-file-download-failed = The file could not be downloaded. Please send it again.
calendar-file-more = …and { $count } more errors.
calendar-text-expected = Type some text or press "✖️ Cancel".
calendar-file-expected = Send an XLSX file or press "✖️ Cancel".
calendar-no-akimat = To open a calendar you need to be an akimat official, or give a KATO code: /calendar 623600000
calendar-unknown-akimat = No akimat with the code "{ $code }".
calendar-row = row { $row }, { $column }: { $problem }
calendar-file-too-big = the file is too big (at most { $megabytes } MB)
calendar-file-not-xlsx = this is not an XLSX file
calendar-file-unpacked-too-big = the file unpacks into too much data
calendar-file-header-wrong = the header "{ $value }" is not the expected one (use the template the bot sent)
calendar-file-too-many-rows = too many rows (at most { $max })
calendar-file-no-entries = the file has no meetings
calendar-file-merged = merged cells ({ $value })
calendar-file-formula = "{ $value }" is a formula; type a value
calendar-file-required = the cell is empty
calendar-file-bad-when = "{ $value }" is neither a month (1–12) nor a date (dd.mm.yyyy)
calendar-file-wrong-year = "{ $value }" is not in { $year }
calendar-file-bad-venue = "{ $value }" is not the KATO code of a locality in your territory
calendar-file-bad-kind = "{ $value }": the kind must be "reporting" or "visiting"
calendar-error-bad-year = A calendar is kept only for last year, this year or next year.
calendar-error-bad-month = Type the month as a number 1–12, or the date as dd.mm.yyyy.
calendar-error-date-not-in-year = This date is not in the calendar's year.
calendar-error-unknown-venue = There is no such locality.
calendar-error-venue-outside = This locality is outside the akimat's territory.
calendar-error-too-many = The calendar has too many meetings.
calendar-error-no-entry = This entry no longer exists.
calendar-error-not-agreed = Record the maslikhat's agreement first.
calendar-error-not-approved = Approve the calendar first.
calendar-error-already = This step is already recorded.
calendar-error-bad-number = Type the decision's number (up to 100 characters).
calendar-error-bad-date = Type the decision's date as dd.mm.yyyy (not in the future).
calendar-error-nothing-to-agree = Nothing to agree: the calendar has not changed.
calendar-error-has-draft = A draft was already made from this entry (No. { $detail }).
calendar-error-passed = This meeting's time has passed: create a new one with /newmeeting.
calendar-error-no-akimat = Akimat not found.
calendar-citizen-title = 🗓 <b>Akims' planned visits to your localities</b>
calendar-citizen-entry = { $icon } { $when } — { $venue } · { $host } ({ $kind })
calendar-citizen-empty = No meetings are planned in your localities yet. Choose localities with /subscriptions.
calendar-citizen-hint = We will tell you when the exact date is announced.
calendar-xlsx-col-when = Month or date
calendar-xlsx-col-venue = KATO code
calendar-xlsx-col-kind = Kind
calendar-xlsx-col-name = Name
calendar-xlsx-sheet = Calendar { $year }
calendar-xlsx-sheet-units = Localities
cmd-calendar = Akims' planned visits
