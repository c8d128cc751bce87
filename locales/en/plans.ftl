## Action plans after meetings and their quarterly progress: /plans (citizens), /plan and /progress (officials).

cmd-plans = Action plans and their progress
cmd-plan = Results and action plan of a meeting
cmd-progress = Quarterly progress on a plan

## Shared pieces

plan-quarter = Q{ $quarter } { $year }
plan-status = { $status ->
    [in_progress] in progress
    [done] done
    [overdue] overdue
   *[not_started] not started
}
plan-meeting-line = 🗓 Meeting No. { $id } · akim of { $host } · { $date }
plan-item-state = { $icon } { $status }, { $percent }%
plan-item-problem = <b>{ $position }. { $text }</b>
plan-item-measure = 🛠 Measure: { $text }
plan-item-executor = 👤 Responsible: { $text }
plan-item-due = 📅 Deadline: { $date }
plan-item-questions = 🔗 Citizens' questions: { $numbers }
plan-items-range = <b>Items { $first }–{ $last } of { $total }</b>
plan-page = Page { $page } of { $pages }
plan-prev-button = ‹ Back
plan-next-button = Next ›
plan-more = …and { $count } more

## The plan as citizens read it

plan-title = 📋 <b>Action plan: meeting No. { $id }</b>
plan-published-on = Published on { $date }
plan-summary =
    <b>Results of the meeting</b>
    { $text }
plan-summary-on-first-page = The results of the meeting are on the first page.
plan-history-button = 📜 Quarterly progress ({ $count })
plan-follow-button = 🔔 Follow the progress
plan-unfollow-button = 🔕 Stop following
plan-meeting-button = ⬅️ The meeting
plan-open-button = 📋 Open the plan
plan-not-published = This meeting's action plan has not been published yet.
plan-followed = 🔔 You will be told of every quarterly report on this plan.
plan-unfollowed = 🔕 You will no longer be told of this plan's progress.
plan-history-title = 📜 <b>Progress history: meeting No. { $id }</b>
plan-history-empty = No quarterly report has been published yet. Each one is due by the 25th of the month after the quarter.
plan-history-line = <b>{ $quarter }</b>, published { $date }: { $done } of { $total } items done
plan-history-report-button = 📈 { $quarter }
plan-history-all-button = 📜 All reports
plan-back-to-plan-button = 📋 Back to the plan
plan-report-title = 📈 <b>{ $quarter }: progress on the plan of meeting No. { $id }</b>
plan-report-published = Published on { $date }
plan-report-item =
    <b>{ $position }. { $text }</b>
    { $state }
plan-report-no-entry = no entry
plan-report-not-found = There is no such report.
plan-list-empty = No action plan has been published yet for the places you follow. Plans appear here after the meetings: /meetings
plan-list-title = 📋 <b>Action plans</b> of the meetings you follow: { $count }
plan-list-line =
    { $number }. { $meeting }
    { $items ->
        [one] { $items } item
       *[other] { $items } items
    }, published { $date }
plan-list-open-button = { $number }

## Notices

plan-notice-published = 📋 <b>The akim of { $host } has published the results of the meeting of { $date } and the action plan</b> ({ $items ->
        [one] { $items } item
       *[other] { $items } items
    }).
plan-notice-your-item = 📌 { $own ->
        [yes] Your question
       *[no] The question you supported,
    } { $number }, is item { $position } of the plan, due { $due }.
plan-notice-progress = 📈 <b>{ $quarter }: progress on the action plan</b> of the meeting of { $date } with the akim of { $host }.
plan-notice-progress-counts = Of { $total } { $total ->
        [one] item
       *[other] items
    }: done { $done }, in progress { $progress }, overdue { $overdue }.
plan-notice-your-progress = 📌 { $own ->
        [yes] Your question
       *[no] The question you supported,
    } { $number } (item { $position }): { $state }.

## Officials: the plan

plan-official-title = 📝 <b>Results and action plan: meeting No. { $id }</b> { $published ->
        [yes] (published)
       *[no] (draft)
    }
plan-due-none = 📅 The selected regulation profile sets no deadline for the action plan.
plan-due-ahead = 📅 Last day to publish: <b>{ $due }</b> ({ $days ->
        [one] { $days } day left
       *[other] { $days } days left
    }). { $act }, clause { $clause }: within 10 calendar days after the meetings and receptions end.
plan-due-overdue = ⚠️ <b>Overdue by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b>: the last day to publish was { $due } ({ $act }, clause { $clause }). Publish as soon as you can; the delay is recorded.
plan-published-on-time = ✅ Published on { $date }, on time (the last day was { $due }).
plan-published-late = ✅ Published on { $date }, ⚠️ { $days ->
        [one] { $days } day
       *[other] { $days } days
    } late (the last day was { $due }).
plan-summary-missing = ✏️ The results summary is not written yet.
plan-items-count = Items: { $count } (at most { $max })
plan-read-only = 👁 You can read this plan; it is changed by the host akimat only.
plan-summary-button = ✏️ Results summary
plan-add-button = ➕ Add an item
plan-template-button = 📄 XLSX template
plan-upload-button = 📤 Upload XLSX
plan-remove-button = 🗑 Remove an item
plan-publish-button = 📣 Publish
plan-progress-button = 📈 Quarterly progress
plan-public-view-button = 👁 As citizens see it
plan-list-button = ⬅️ Meetings awaiting a plan
plan-awaiting-empty = No meeting of your akimat is waiting for its results and action plan. To open a plan by the meeting's number: <code>/plan 12</code>. Quarterly progress: /progress
plan-awaiting-title = 📝 <b>Meetings awaiting results and an action plan</b>: { $count }
plan-awaiting-line =
    { $meeting }
    Last day: { $due }{ $overdue ->
        [0] {""}
       *[other] , ⚠️ overdue by { $overdue } d.
    } · items in the draft: { $items }
plan-awaiting-button = №{ $id }
plan-usage = Send the meeting's number: <code>/plan 12</code>, or just /plan for the list.

plan-ask-summary =
    <b>Results of the meeting</b>
    Write the summary in one message ({ $min }–{ $max } characters): what was discussed, how many people took part, the main problems raised.
    To stop: /cancel
plan-summary-saved = ✅ The results summary is saved.
plan-ask-problem =
    <b>Item { $position }, step 1 of 5: the problem</b>
    Describe the problem citizens raised (up to { $max } characters).
    To stop: /cancel
plan-ask-measure =
    <b>Step 2 of 5: the measure</b>
    What will be done to solve it (up to { $max } characters)?
plan-ask-executor =
    <b>Step 3 of 5: the responsible executor</b>
    Who is responsible: a body or an official (up to { $max } characters)?
plan-ask-deadline =
    <b>Step 4 of 5: the deadline</b>
    By when will it be done? Write the date as <code>30.06.2027</code>; not before the meeting ({ $date }).
plan-bad-date = «{ $value }» is not a date. Write it as <code>30.06.2027</code> or <code>2027-06-30</code>.
plan-ask-questions =
    <b>Step 5 of 5: the citizens' questions this item answers</b>
    Tap the accepted questions below ({ $accepted }) or send their numbers, e.g. <code>Q-2026-000123, P-2026-000045</code> (at most { $max }). Their authors and supporters will be told which item answers them.
    Linked: { $chosen }
    When done, or if there are none, press “Done”.
plan-link-choice = { $chosen ->
        [yes] ✅
       *[no] ▫️
    } { $number } · 👍{ $supports } · { $text }
plan-link-done-button = ✅ Done ({ $count })
plan-item-saved = ✅ Item { $position } is saved (deadline { $due }).
plan-add-next-button = ➕ Add the next item
plan-review-button = 👁 Review and publish
plan-ask-remove = Send the number of the item to remove (1–{ $count }). The items after it move up.
plan-bad-position = Send the item's number, e.g. <code>2</code>.
plan-item-removed = 🗑 Item { $position } is removed.
plan-template-caption = 📄 The action plan template. One row per item (at most { $max }): problem, measure, responsible executor, deadline (a date, or text like 30.06.2027), question numbers (see the second sheet). Keep the header row; do not merge cells or use formulas. Send the file back here (up to { $megabytes } MB): it replaces the items of the draft.
plan-ask-upload = 📤 Send the filled-in template as an .xlsx file (up to { $megabytes } MB, at most { $max } items). It replaces the items of the draft; if anything in it is wrong, nothing is saved and you get the list of problems.
plan-file-accepted = ✅ { $count ->
        [one] { $count } item loaded
       *[other] { $count } items loaded
    } from the file.
plan-file-download-failed = The file could not be downloaded from Telegram. Please send it again.
plan-file-rejected = ❌ <b>The file was not accepted; nothing was saved.</b>
plan-file-more = …and { $count } more.
plan-file-columns-hint = The columns, from A: { $columns }.

plan-file-too-big = the file is larger than { $megabytes } MB
plan-file-not-xlsx = this is not an .xlsx workbook: save it in Excel as “Excel Workbook (.xlsx)” and send it again
plan-file-unpacked-too-big = the workbook holds far more data than a plan: keep only the plan's sheet
plan-file-header-missing = row { $row }, { $column }: the header «{ $expected }» is missing
plan-file-header-wrong = row { $row }, { $column }: the header is «{ $value }», expected «{ $expected }»
plan-file-extra-column = row { $row }, { $column }: «{ $value }» is outside the table (columns A–E only)
plan-file-no-items = there are no items: fill in the rows under the header
plan-file-too-many-rows = { $count } rows: a plan has at most { $limit } items
plan-file-empty-row = row { $row } is empty: remove empty rows between the items
plan-file-merged = row { $row }, { $column }: cells { $value } are merged; unmerge them
plan-file-formula = row { $row }, { $column }: a formula («{ $value }»); type the value itself
plan-file-error-value = row { $row }, { $column }: an error value «{ $value }»
plan-file-required = row { $row }, { $column }: empty, and this column is required
plan-file-too-short = row { $row }, { $column }: too short (at least { $limit } characters)
plan-file-too-long = row { $row }, { $column }: { $count } characters, at most { $limit }
plan-file-not-a-date = row { $row }, { $column }: «{ $value }» is not a date (write 30.06.2027)
plan-file-before-meeting = row { $row }, { $column }: { $value } is before the meeting
plan-file-too-far = row { $row }, { $column }: { $value } is more than { $limit } years after the meeting
plan-file-bad-number = row { $row }, { $column }: «{ $value }» is not a question number (like Q-2026-000123)
plan-file-unknown-question = row { $row }, { $column }: { $value } is not a question of this meeting
plan-file-too-many-questions = row { $row }, { $column }: { $count } questions, at most { $limit }

plan-confirm =
    📣 <b>Publish the results and the action plan of meeting No. { $id }?</b>
    { $items ->
        [one] { $items } item
       *[other] { $items } items
    }, linked questions: { $linked }. The meeting's subscribers and the authors and supporters of the linked questions will be told, and the meeting will be closed. A published plan cannot be changed.
plan-confirm-button = ✅ Publish now
plan-not-yet-button = ✖️ Not yet
plan-published = ✅ <b>The results and the action plan of meeting No. { $id } are published.</b> The meeting is closed. Notifications on their way: { $count }.
plan-already-published = The plan of meeting No. { $id } was already published.
plan-stale-step = This button belongs to a finished step.
plan-flow-lost = What was being typed is lost. Open the plan again: /plan
plan-flow-cancelled = Stopped. The draft of the plan is kept.
plan-expect-text = This step expects text. To stop: /cancel
plan-expect-file = Send the .xlsx file (up to { $megabytes } MB), or press “Cancel”.

plan-error-meeting-not-found = There is no such meeting.
plan-error-meeting-not-over = The meeting has not taken place yet: its results and plan are written after it.
plan-error-meeting-cancelled = The meeting was cancelled: it has no action plan.
plan-error-plan-not-found = This meeting has no action plan yet.
plan-error-already-published = The plan is already published and can no longer be changed.
plan-error-no-summary = Write the results summary first.
plan-error-no-items = The plan has no items yet.
plan-error-too-many-items = A plan has at most { $limit } items.
plan-error-item-not-found = There is no item with this number.
plan-error-too-short = Too short: { $length } characters, at least { $limit }.
plan-error-too-long = Too long: { $length } characters, at most { $limit }. Shorten it and send it again.
plan-error-deadline-before-meeting = The deadline cannot be before the meeting ({ $value }).
plan-error-deadline-too-far = The deadline is more than { $limit } years after the meeting: check the year.
plan-error-bad-question-number = «{ $value }» is not a question number. Numbers look like Q-2026-000123.
plan-error-unknown-question = { $value } is not a question of this meeting.
plan-error-too-many-questions = An item can answer at most { $limit } questions.
plan-error-report-not-found = There is no such report.
plan-error-report-published = This quarter's report is already published.
plan-error-report-incomplete = Not every item is filled in yet: { $length } left.
plan-error-quarter-not-open = This quarter cannot be reported on now: it has not ended yet, or it is before the plan was published.
plan-error-bad-percent = The percent must be from 0 to 99 (100% means “done”).

## Officials: quarterly progress

progress-title =
    📈 <b>Quarterly progress: meeting No. { $id }</b>
    Quarter: <b>{ $quarter }</b> ({ $first } – { $last })
progress-due = 📅 Last day to publish: <b>{ $due }</b>. { $act }, clause { $clause }: by the 25th of the month after the quarter.
progress-due-overdue = ⚠️ <b>Overdue by { $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b>: the last day was { $due } ({ $act }, clause { $clause }).
progress-due-none = 📅 The selected regulation profile sets no deadline for quarterly reports.
progress-filled = Filled in: <b>{ $filled } of { $total }</b>
progress-item-line =
    <b>{ $position }.</b> { $text }
    { $state }
progress-item-empty = ⬜ not filled in yet
progress-already-published = ✅ This report is published.
progress-ready = Every item is filled in: the report can be published.
progress-next-item-button = ✏️ Fill in item { $position }
progress-item-button = { $filled ->
        [yes] ✅
       *[no] ⬜
    } { $position }
progress-publish-button = 📣 Publish the report
progress-quarters-button = 🗓 Another quarter
progress-plan-button = 📋 The plan
progress-history-button = 📜 Published reports
progress-nothing-due = ✅ <b>Meeting No. { $id }: every quarterly report due so far is published.</b>
progress-next-quarter = The next report is for { $quarter }: from { $opens } until { $due }.
progress-no-plan = Meeting No. { $id } has no published action plan yet: publish it first with /plan.
progress-list-empty = Your akimat has no published action plan yet. Plans are published with /plan.
progress-list-title = 📈 <b>Quarterly progress</b>: plans { $count }
progress-list-line =
    { $meeting }
    { $pending ->
        [yes] ⏳ The { $quarter } report is due by { $due }
       *[no] ✅ Up to date; next: { $quarter }
    }
progress-usage = Send the meeting's number: <code>/progress 12</code>, or just /progress for the list.
progress-quarter-button = { $quarter } (by { $due })
progress-choose-quarter = Which quarter are you reporting on for the plan of meeting No. { $id }?
progress-status-button = { $status ->
        [in_progress] 🔄 In progress
        [done] ✅ Done
        [overdue] ⚠️ Overdue
       *[not_started] ⏳ Not started
    }
progress-same-button = ↩️ As before: { $status }, { $percent }%
progress-percent-button = { $percent }%
progress-no-comment-button = ⏭ No comment
progress-keep-comment-button = ↩️ Keep the last comment
progress-item-title = ✏️ <b>Item { $position }: { $quarter }</b>
progress-item-entered = Entered: { $state }
progress-ask-status = What is the status of this item now?
progress-ask-percent = { $status }: how far along is it? Press a button or type a number from 0 to 99.
progress-bad-percent = Type a whole number from 0 to 99 (for 100%, choose the status “Done”).
progress-ask-comment = A comment for citizens: what was done, what is delayed and why (up to { $max } characters). Or press a button.
progress-last-comment = Last time: <i>{ $text }</i>
progress-item-saved = ✅ Item { $position } is filled in.
progress-entry-cancelled = The item was not changed.
progress-confirm = Publish the { $quarter } report on the plan of meeting No. { $id } ({ $total } items)? The plan's followers and the authors and supporters of its linked questions will be told. A published report cannot be changed.
progress-confirm-button = ✅ Publish now
progress-published = ✅ <b>The { $quarter } report on the plan of meeting No. { $id } is published.</b> Notifications on their way: { $count }.
progress-published-late = ⚠️ Published { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after the last day; this is recorded.
progress-already-done = The { $quarter } report on meeting No. { $id } was already published.

## The XLSX template

plan-xlsx-sheet-plan = Plan
plan-xlsx-sheet-reference = Questions
plan-xlsx-col-problem = Problem
plan-xlsx-col-measure = Measure
plan-xlsx-col-executor = Responsible executor
plan-xlsx-col-deadline = Deadline (dd.mm.yyyy)
plan-xlsx-col-questions = Question numbers
plan-xlsx-ref-number = Number
plan-xlsx-ref-kind = Kind
plan-xlsx-ref-status = Status
plan-xlsx-ref-supports = Supporters
plan-xlsx-ref-text = Text
plan-xlsx-kind = { $kind ->
        [proposal] Proposal
       *[question] Question
    }
plan-xlsx-status = { $status ->
        [accepted] accepted
        [answered] answered
        [rejected] rejected
        [merged] merged
       *[new] new
    }
