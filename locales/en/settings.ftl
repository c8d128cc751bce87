## /settings: which notifications a citizen gets, and quiet hours.

settings-title =
    ⚙️ <b>Notification settings</b>
    Choose which notifications you get: tapping a button switches it on or off.
settings-state-on = ✅ { $label }
settings-state-off = 🔕 { $label }: off
settings-quiet-on = 🌙 Quiet hours: <b>{ $range }</b> (Almaty time). Only urgent notifications come then.
settings-quiet-off = 🌙 No quiet hours: notifications come at any time of day.
settings-urgent-note = <i>If a meeting is cancelled or moved, you are always told, at night too.</i>

settings-switch-announcements = New meetings
settings-switch-reminders = Reminders before a meeting
settings-switch-broadcasts = Broadcast start
settings-switch-plans = Action plans
settings-switch-progress = Plan progress
settings-switch-questions = Status of my questions
settings-switch-ratings = Meeting ratings

settings-button-on = ✅ { $label }
settings-button-off = 🔕 { $label }
settings-quiet-button = 🌙 Quiet hours
settings-turned-on = On: { $label }
settings-turned-off = Off: { $label }
settings-unchanged = It already is.

settings-quiet-range = { $start }–{ $end }
settings-quiet-title =
    🌙 <b>Quiet hours</b>
    During these hours the bot sends only what is urgent (a meeting cancelled or moved); the rest comes when the quiet hours end. Almaty time.
settings-quiet-now-on = Now: <b>{ $range }</b>
settings-quiet-now-off = Now: none.
settings-quiet-preset-button = { $range }
settings-quiet-type-button = ✍️ Type my own
settings-quiet-off-button = 🔔 No quiet hours
settings-quiet-prompt =
    Type when the quiet hours start and end, for example: <b>22-7</b> or <b>23:00-07:00</b>.
    Whole hours only, Almaty time.
settings-quiet-error-format = I did not understand. Type two hours with a dash, for example: 22-7 or 23:00-07:00.
settings-quiet-error-minutes = Only whole hours are kept: not 22:30 but 22 or 23. Type again, for example: 22-7.
settings-quiet-error-range = An hour is 0 to 23, with minutes 00. Type again, for example: 22-7.
settings-quiet-error-empty = The start and the end must differ. Type again, for example: 22-7.
settings-quiet-expect-text = Type the quiet hours as text, for example: 22-7. To cancel: /cancel
settings-quiet-saved = 🌙 Quiet hours saved: { $range }.
settings-quiet-removed = 🔔 Quiet hours removed: notifications come at any time of day.
settings-quiet-cancelled = Cancelled; the quiet hours are unchanged.
settings-quiet-stale = This button is out of date. Open the settings again: /settings
