## The meeting lifecycle: /mymeetings, the management card, moving, cancelling, receptions.

cmd-mymeetings = My akimat's meetings

lc-status-draft = 📝 draft
lc-status-announced = 📣 announced
lc-status-rescheduled = 🔁 moved
lc-status-held = ✅ held
lc-status-closed = 🗄 closed
lc-status-cancelled = ✖️ cancelled

# The citizen's card of a moved or cancelled meeting.
lc-card-moved-from = 🔁 <i>Moved from { $when }</i>
lc-card-cancel-reason = Reason: { $reason }

# What everyone who was told of a meeting, and every author of a question, gets.
lc-notice-cancelled =
    ✖️ <b>Meeting No. { $id } is cancelled</b>
    👤 Akim: { $host }
    🕒 It was set for { $when }
    Reason: { $reason }
    Your questions for it are kept. Upcoming meetings: /meetings
lc-notice-moved =
    🔁 <b>Meeting No. { $id } has been moved</b>
    👤 Akim: { $host }
    🕒 New time: <b>{ $new }</b>
    It was: { $old }
    📍 { $venue }, { $place }
    ❓ Questions and proposals are accepted until { $cutoff }. Your questions for the meeting are kept.
    The meeting's card: /meetings

lc-list-title-active = <b>Upcoming meetings and drafts: { $count }</b>
lc-list-title-held = <b>Held meetings: { $count }</b>
lc-list-title-archive = <b>Closed and cancelled meetings: { $count }</b>
lc-list-empty-active = Nothing here yet. A new meeting: /newmeeting
lc-list-empty-held = No held meetings are waiting for their results.
lc-list-empty-archive = No closed or cancelled meetings.
lc-list-line =
    <b>No. { $id }</b> · { $status }
    { $when }
    { $host }
lc-list-page = Page { $page } of { $pages }
lc-tab-active = Upcoming
lc-tab-held = Held
lc-tab-archive = Archive
lc-tab-current = • { $tab } •
lc-btn-open = No. { $id }

lc-card-title = <b>🗂 Meeting No. { $id }</b> — { $status }
lc-card-duration = ⏱ Duration: { $minutes } min
lc-card-presentation = 🎤 Akim's presentation: { $minutes } min (at most { $max } min)
lc-card-in-calendar = 📅 In the annual calendar
lc-card-off-calendar = 🙋 Off the calendar, on the population's demand ({ act-001 }, clause 3.1)
lc-card-broadcast = 📺 Broadcast: { $url }
lc-card-announced = 📣 Announced { $when }, on time (the last day was { $due })
lc-card-announced-late = 📣 Announced { $when }, <b>late</b> (the last day was { $due })
lc-card-scheduled = ⏰ Announcement planned for { $when }
lc-card-audience-count = 👥 People the announcement went or goes to: { $told }; question authors: { $authors }
lc-card-no-receptions = 🤝 No days of personal reception recorded yet.
lc-card-plan-due = 📋 Publish the action plan by <b>{ $due }</b> ({ $act }, clause { $clause })
lc-card-cancelled = ✖️ Cancelled { $when }. Reason: { $reason }
lc-card-read-only = 👁 You can only view this meeting: it belongs to another akimat.

lc-btn-announce = 📣 Announce now
lc-btn-schedule = ⏰ Plan the announcement
lc-btn-unschedule = ⏰ Drop the planned announcement
lc-btn-move = 🔁 Move
lc-btn-reception = 🤝 Record a reception day
lc-btn-hold = ✅ Mark as held
lc-btn-close = 🗄 Close
lc-btn-cancel = ✖️ Cancel the meeting
lc-btn-list = 📋 All meetings
lc-btn-back = ⬅️ Back to the meeting
lc-btn-move-confirm = 🔁 Yes, move it
lc-btn-cancel-confirm = ✖️ Yes, cancel the meeting

lc-announced = 📣 Meeting No. { $id } is announced. The card is queued for { $count ->
        [one] { $count } subscriber
       *[other] { $count } subscribers
    }.
lc-announce-already = Meeting No. { $id } was already announced { $when }. Nothing was sent again.
lc-timing-on-time = ⏰ On time: the last day to announce is { $due }.
lc-timing-late = ⏰ <b>LATE by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b>: the last day to announce was { $due } ({ $act }, clause { $clause }). The lateness is on record.
lc-timing-no-rule = ⏰ The regulation profile in use sets no deadline for announcing.
lc-unscheduled = ⏰ The planned announcement of meeting No. { $id } is dropped. The meeting stays a draft.
lc-held = ✅ Meeting No. { $id } is marked as held. Record the days of personal reception: the action plan's deadline counts from the last one.
lc-closed = 🗄 Meeting No. { $id } is closed. It no longer changes.

lc-ask-schedule =
    <b>When should meeting No. { $id } be announced?</b>
    Meeting: { $when }. The last day to announce: { $due }.
    Write a date (announced at 09:00) or a date and time: <code>28.11.2026</code> or <code>28.11.2026 10:30</code>.
lc-ask-move =
    <b>When should meeting No. { $id } take place instead?</b>
    Now: { $when }. Write the new local date and time: <code>25.12.2026 15:00</code>. The duration stays the same.
lc-ask-cancel =
    <b>Why is meeting No. { $id } cancelled?</b>
    Everyone it was announced to and the authors of its questions get the reason. { $min } to { $max } characters.
lc-ask-reception =
    <b>When was (or will be) the personal reception of citizens for meeting No. { $id }?</b>
    Write the date: <code>10.12.2026</code>. Not before { $earliest }. The action plan's deadline counts from the last reception day.

lc-bad-moment = I could not read the date. Write a date, or a date and time: <code>28.11.2026</code> or <code>28.11.2026 10:30</code>.
lc-bad-date = I could not read the date. Write it like this: <code>10.12.2026</code>.
lc-expected-other = Something else is expected here: answer with text, press a button or go back to the meeting.
lc-stale = This button is out of date. Open the meeting again: /mymeetings

lc-scheduled = ⏰ Meeting No. { $id } will be announced { $when }. Until then it stays a draft.
lc-scheduled-late = ⚠️ That is { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after the last day to announce ({ $due }; { $act }, clause { $clause }): the announcement will be recorded as late.

lc-confirm-move =
    <b>Move meeting No. { $id }?</b>
    It was: { $old }
    It will be: <b>{ $new }</b>
    Everyone it was announced to ({ $told }) and the authors of its questions ({ $authors }) will be told.
lc-confirm-move-draft =
    <b>Move the draft meeting No. { $id }?</b>
    It was: { $old }
    It will be: <b>{ $new }</b>
    The meeting is not announced yet, so nobody is notified.
lc-moved = 🔁 Meeting No. { $id } is moved to { $when }. Notices queued: { $count }.

lc-confirm-cancel =
    <b>Cancel meeting No. { $id }?</b>
    Reason: { $reason }
    Everyone it was announced to ({ $told }) and the authors of its questions ({ $authors }) will be told. Announcements not sent yet will not be sent.
lc-confirm-cancel-draft =
    <b>Cancel the draft meeting No. { $id }?</b>
    Reason: { $reason }
    The meeting is not announced yet, so nobody is notified.
lc-cancelled = ✖️ Meeting No. { $id } is cancelled. Notices queued: { $count }.

lc-reception-added = 🤝 A day of personal reception for meeting No. { $id } is recorded: { $day }.
lc-reception-known = 🤝 { $day } was already recorded for meeting No. { $id }.
lc-reception-plan-due = 📋 The action plan is now due by <b>{ $due }</b>.

lc-error-not-found = There is no such meeting.
lc-error-wrong-status = Not possible now: the meeting is { $status }.
lc-error-start-in-past = That time has passed (it is { $now } now). Give a date and time in the future.
lc-error-same-start = The meeting is already set for that time.
lc-error-announce-at-past = That time has passed (it is { $now } now). Give a moment in the future, or announce now.
lc-error-announce-at-after-start = A meeting must be announced before it starts. Give an earlier date.
lc-error-meeting-over = The meeting is over: too late to announce it.
lc-error-not-started = The meeting has not started yet: it can be marked as held once it has begun.
lc-error-bad-reason = The reason takes { $min } to { $max } characters.
lc-error-bad-note = The note is too long.
lc-error-reception-too-early = A reception for this meeting cannot be that early: the earliest day is { $bound }.
lc-error-reception-too-late = That is too far from the meeting (more than { $days } days): the latest day is { $bound }. Check the date.

## Moving an announced meeting: the notice period counts to the new start (seed 001, 3.4)
lc-move-due = ⏰ For the new start, the last day to announce it is { $due }: on time.
lc-move-late = ⚠️ For the new start, the last day to announce it was { $due }: telling people now is { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late, and the meeting will be recorded as announced late.
lc-moved-late = ⚠️ Recorded as announced { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late (the last day was { $due }).
