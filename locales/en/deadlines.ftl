# /deadlines and the compliance reminders (services/duties.py, handlers/official/deadlines.py).
cmd-deadlines = Duties and deadlines
deadlines-title = 🗓 <b>Deadlines</b> · { $scope }
deadlines-scope-all = all akimats
deadlines-none = ✅ Nothing is due and nothing is overdue.
deadlines-kind-announcement = 📢 Announce the meeting of { $when }
deadlines-kind-action_plan = 📝 Publish the results and the action plan of the meeting of { $when }
deadlines-kind-progress = 📊 Publish the progress for quarter { $quarter } of { $year } on the action plan of the meeting of { $when }
deadlines-kind-calendar_approve = 🗓 Approve the annual calendar of meetings for { $year }, agreed with the maslikhat
deadlines-kind-calendar_submit = 🗓 Submit the approved calendar of meetings for { $year }
deadlines-left = { $days ->
    [one] { $days } day left
   *[other] { $days } days left
}
deadlines-today = the last day is today
deadlines-overdue = overdue by { $days ->
    [one] { $days } day
   *[other] { $days } days
}
deadlines-source = Source: { $act }, clause { $clause }.
deadlines-item-title = { $n }. <b>{ $duty }</b>
deadlines-item-when = { $akimat } · due { $due } · { $timing }
deadlines-item-source = <i>{ $source }</i>
deadlines-read-only = 👁 read only
deadlines-page = Page { $page } of { $pages }
deadlines-prev = ◀️
deadlines-next = ▶️
deadlines-filter-button = 🔎 { $akimat }
deadlines-all-button = ⬅️ All akimats
deadlines-unknown-akimat = There is no akimat with the code { $code }. Send /deadlines without a code to see all of yours.
deadlines-mark-approve-button = ✅ Calendar { $year } approved
deadlines-mark-submit-button = ✅ Calendar { $year } submitted
deadlines-mark-confirm-approve = Record that the calendar of meetings for { $year } is approved ({ $akimat })? The reminders about it will stop.
deadlines-mark-confirm-submit = Record that the approved calendar of meetings for { $year } is submitted ({ $akimat })? The reminders about it will stop.
deadlines-mark-yes = ✅ Yes, record it
deadlines-marked = ✅ Recorded.
deadlines-mark-already = It was already recorded on { $date }.
deadlines-mark-not-applicable = Only the akimats of oblasts, cities of republican significance and the capital keep the annual calendar.
deadlines-mark-bad-year = This button is out of date: the calendar for { $year } is no longer open.
deadlines-reminder =
    ⏰ <b>Reminder</b> · { $akimat }
    { $duty }
    Due: <b>{ $due }</b>, { $timing }.
    { $source }
deadlines-escalation =
    ⚠️ <b>Overdue by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b> · { $akimat }
    { $duty }
    Due: { $due }.
    { $source }
    You are told as an admin or an official of a higher akimat.
deadlines-open-button = 📋 Deadlines
deadlines-meeting-button = 📄 The meeting
deadlines-plan-button = 📝 The action plan
deadlines-progress-button = 📊 The quarterly report
deadlines-mark-button-of = { $button } · { $akimat }
