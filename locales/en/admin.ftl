## Administrators: the /newmeeting wizard and /announce.

admin-ask-host =
    <b>New meeting, step { $step } of { $steps }: the host</b>
    Whose akim holds the meeting? Type the name of the oblast, district, town, rural okrug or village.
    To stop at any step: /cancel
admin-ask-host-own =
    <b>New meeting, step { $step } of { $steps }: the host</b>
    Which of your akimats holds the meeting? Choose with a button.
    To stop at any step: /cancel
admin-pick-host = Choose the host (only units with an akim of their own are listed):
admin-host-none = No unit with an akim matches this name. Check the spelling or type a shorter part of it.
admin-hit-button = { $name } · { $parent }
admin-picked-host = ✅ Host: akim of <b>{ $name }</b>
admin-ask-venue =
    <b>Step { $step } of { $steps }: the venue</b>
    Where does the meeting take place? Press the button if it is in { $host } itself, or type the name of a locality inside it.
    To stop at any step: /cancel
admin-venue-host-button = 📍 { $name }
admin-pick-venue = Choose the venue:
admin-inside-none = Nothing with this name lies inside the host's territory. Check the spelling or use the buttons.
admin-picked-venue = ✅ Venue: <b>{ $name }</b>
admin-ask-audience =
    <b>Step { $step } of { $steps }: the audience</b>
    Whose residents is the meeting for? Its card goes to everyone who follows this unit or anything inside it. Choose a button or type the name of a locality inside { $host }.
admin-audience-venue-button = 👥 The venue: { $name }
admin-audience-host-button = 👥 The whole territory: { $name }
admin-pick-audience = Choose the audience:
admin-picked-audience = ✅ Audience: residents of <b>{ $name }</b>
admin-ask-starts =
    <b>Step { $step } of { $steps }: date and time</b>
    When does it start, local time? Write it as <code>25.12.2026 15:00</code> or <code>2026-12-25 15:00</code>.
admin-bad-datetime = I could not read this date. Write the date and time as <code>25.12.2026 15:00</code> or <code>2026-12-25 15:00</code>.
admin-datetime-past = This moment has already passed (it is now { $now }). Give a date and time in the future.
admin-ask-duration =
    <b>Step { $step } of { $steps }: duration</b>
    How long is the meeting planned to last? Press a button or type the number of minutes, from { $min } to { $max }.
admin-duration-button = { $minutes } min
admin-duration-default-button = ✅ { $minutes } min
admin-picked-duration = ✅ Duration: { $minutes } min
admin-ask-presentation =
    <b>Step { $step } of { $steps }: the akim's presentation</b>
    How many minutes will the akim's presentation take? No more than a quarter of the planned time: for { $duration } min that is at most <b>{ $max } min</b>, the rest is questions and answers ({ $act }, clause { $clause }). Press a button or type the number of minutes.
admin-ask-presentation-free =
    <b>Step { $step } of { $steps }: the akim's presentation</b>
    How many minutes will the akim's presentation take? Type a number of minutes, less than the meeting's { $duration } min.
admin-presentation-button = { $minutes } min
admin-picked-presentation = ✅ The akim's presentation: { $minutes } min
admin-presentation-too-long = ❌ A { $minutes }-minute presentation is too long. In a meeting of { $duration } min the presentation may take <b>at most { $max } min</b>, a quarter of the planned time ({ $act }, clause { $clause }). Give { $max } min or less.
admin-ask-place =
    <b>Step { $step } of { $steps }: the place</b>
    Write the building and address, e.g. "House of Culture, 12 Abai St., assembly hall".
admin-ask-url =
    <b>Step { $step } of { $steps }: the online broadcast</b>
    The meeting is broadcast online on the official social accounts, with comments open ({ act-001 }, clause 3.2). Send the link (https://…) or press "Skip" if there is none yet.
admin-url-skip = ⏭ Skip
admin-picked-no-url = ✅ No broadcast link.
admin-ask-calendar =
    <b>Step { $step } of { $steps }: in the calendar or not</b>
    Is the meeting part of the akimat's annual calendar of meetings, or held off the calendar, on the population's demand and as needed ({ act-001 }, clause 3.1)?
admin-calendar-in-button = 📅 In the annual calendar
admin-calendar-off-button = 🙋 Off the calendar, on the population's demand
admin-summary-title = <b>Check the meeting before saving</b>
admin-summary-host = 👤 Host: akim of { $host }
admin-summary-venue = 🏘 Venue: { $venue }
admin-summary-audience = 👥 Audience: residents of { $audience }
admin-summary-starts = 🕒 Start: { $when }
admin-summary-duration = ⏱ Duration: { $minutes } min
admin-summary-presentation = 🎤 The akim's presentation: { $minutes } min
admin-summary-place = 📍 Place: { $place }
admin-summary-url = 📺 Broadcast: { $url }
admin-summary-no-url = 📺 Broadcast: no link
admin-summary-calendar-in = 📅 In the annual calendar
admin-summary-calendar-off = 🙋 Off the calendar, on the population's demand
admin-summary-cutoff = ❓ Questions accepted until: { $when }
admin-summary-unknown = (no longer in the classifier)
admin-save-button = 💾 Save
admin-saved = ✅ Meeting No. { $id } is saved as a draft. Citizens do not see it yet.
admin-due = 📅 The last day to announce it: <b>{ $due }</b> ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    } before the meeting).
admin-due-source = Source: { $act }, clause { $clause }.
admin-due-none = 📅 The selected regulation profile sets no announcement lead time.
admin-due-passed = ⚠️ This day has already passed: the announcement will be late, and the report will say so.
admin-saved-next = Announce it now or plan the announcement with the buttons below. All meetings: /mymeetings
admin-announce-button = 📣 Announce now
admin-cancelled = Creation of the meeting is cancelled. Nothing was saved.
admin-nothing-to-cancel = There is nothing to cancel.
admin-restart = A locality chosen earlier is no longer in the classifier. Start again: /newmeeting
admin-expected-other = That is not what this step expects.
admin-stale-step = This button belongs to a finished or different step. Start again with /newmeeting.

admin-error-unknown-host = This host unit is not in the classifier.
admin-error-host-without-akim = This unit has no akim of its own; choose an oblast, district, town, rural okrug, settlement or village.
admin-error-unknown-venue = This venue is not in the classifier.
admin-error-venue-outside-host = The venue must be the host unit itself or lie inside its territory.
admin-error-unknown-audience = This audience unit is not in the classifier.
admin-error-audience-outside-host = The audience must be the host unit itself or lie inside its territory.
admin-error-start-in-past = The start time has already passed. Give a date and time in the future.
admin-error-bad-duration = The duration must be a whole number of minutes from { $min_duration } to { $max_duration }.
admin-error-bad-place = The place must be from { $min_place } to { $max_place } characters long.
admin-error-bad-broadcast-url = This is not a web link. Send a link starting with http:// or https://, or press "Skip".
admin-error-bad-presentation = The presentation is a whole number of minutes, from 1 to { $max }.
admin-error-presentation-too-long = The presentation may take at most { $max } min, a quarter of { $duration } min.
admin-error-not-found = There is no such meeting.
admin-error-cancelled = The meeting is cancelled.
admin-error-already-past = The meeting has already taken place.

admin-announce-usage = Send the meeting's number: <code>/announce 12</code>
admin-announce-not-found = There is no meeting No. { $id }.
admin-announce-cancelled = Meeting No. { $id } is cancelled and cannot be announced.
admin-announce-already-past = Meeting No. { $id } has already started or taken place; it can no longer be announced.
admin-announce-already = Meeting No. { $id } was already announced on { $when }. Nothing was sent again.
admin-announce-queued = { $count ->
        [0] <b>📣 Meeting No. { $id } is announced.</b> Nobody follows its locality yet, so there is no one to send the card to.
        [one] <b>📣 Meeting No. { $id } is announced.</b> Its card is queued for { $count } person and goes out in the background.
       *[other] <b>📣 Meeting No. { $id } is announced.</b> Its card is queued for { $count } people and goes out in the background.
    }
admin-announce-progress = Delivery so far: ✉️ delivered { $sent }, ⏳ waiting { $waiting }, 🚫 unreachable (blocked the bot) { $unreachable }, ⚠️ not delivered { $failed }, 🔕 switched announcements off { $skipped }.
admin-timing-on-time = ⏰ On time: the last day to announce was { $due }.
admin-timing-late = ⏰ <b>LATE by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b>: the last day to announce was { $due } ({ $act }, clause { $clause }).
admin-timing-no-rule = ⏰ The selected regulation profile sets no announcement lead time.

## /outbox: what became of the notifications
cmd-outbox = Delivery of notifications
admin-outbox-title = <b>📬 Notifications</b>
admin-outbox-empty = Nothing has been sent yet.
admin-outbox-status-sent = ✉️ delivered: { $count }
admin-outbox-status-pending = ⏳ waiting: { $count }
admin-outbox-status-sending = 📤 being sent: { $count }
admin-outbox-status-failed = ⚠️ not delivered: { $count }
admin-outbox-status-unreachable = 🚫 unreachable (blocked the bot): { $count }
admin-outbox-status-skipped = 🔕 not sent on purpose (switched off, withdrawn): { $count }
admin-outbox-status-expired = ⌛ too late to make sense (a reminder after the meeting began): { $count }
admin-outbox-behind = The longest-waiting one has been due since { $since }.
admin-outbox-reasons = Why they were not delivered:
admin-outbox-reason = • { $reason }: { $count }
admin-outbox-requeue-button = 🔁 Send the { $count } not delivered again
admin-outbox-refresh-button = 🔄 Refresh
admin-outbox-requeued = { $count ->
        [one] { $count } notification is queued again.
       *[other] { $count } notifications are queued again.
    }
