## /audit: each act, what it concerned and its particulars (services/audit.py).

audit-action-meeting-create = Creating a meeting
audit-action-meeting-read = Viewing a meeting
audit-action-meeting-announce = Announcing a meeting
audit-action-meeting-schedule = Scheduling the announcement
audit-action-meeting-move = Moving a meeting
audit-action-meeting-cancel = Cancelling a meeting
audit-action-meeting-reception = Recording a reception day
audit-action-meeting-hold = Marking a meeting as held
audit-action-meeting-close = Closing a meeting
audit-action-pool-view = Viewing a meeting's questions pool
audit-action-pool-export = Exporting the questions to a file
audit-action-pool-accept = Accepting a question
audit-action-pool-answer = Answering a question
audit-action-pool-reject = Rejecting a question
audit-action-pool-merge = Merging a repeated question
audit-action-plan-read = Viewing the action plan
audit-action-plan-publish = Publishing the results and the action plan
audit-action-plan-progress = Publishing the plan's progress
audit-action-invite-create = Creating an invitation link
audit-action-invite-accept = Accepting an invitation
audit-action-invite-revoke = Revoking an invitation
audit-action-official-remove = Removing an official from an akimat
audit-action-officials-list = Viewing the list of akimats
audit-action-officials-read = Viewing an akimat's officials
audit-action-officials-summary = Viewing the summary figures
audit-action-officials-button = Pressing a staff button
audit-action-audit-read = Reading the audit log
audit-action-outbox-view = Viewing the delivery of notifications
audit-action-outbox-requeue = Sending notifications again
audit-action-deadlines-view = Viewing duties and deadlines
audit-action-deadlines-mark = Marking a duty as done
audit-action-calendar-approved = Meeting calendar approved
audit-action-calendar-submitted = Meeting calendar submitted

audit-target-meeting = meeting No. { $id }
audit-target-question = question No. { $id }
audit-target-user = user id { $id }
audit-target-akimat = akimat No. { $id }
audit-target-kato = KATO code { $id }
audit-target-locality = KATO code { $id }
audit-target-invite = invitation { $id }…
audit-target-approve = approving the { $id } calendar
audit-target-submit = submitting the { $id } calendar

audit-detail-moved = from { $old } to { $new }
audit-detail-announce-at = announcement set for { $when }
audit-detail-unscheduled = planned announcement called off
audit-detail-days-late = late by { $days ->
    [one] { $days } day
   *[other] { $days } days
    }
audit-detail-due = last day: { $date }
audit-detail-held-on = reception day: { $date }
audit-detail-quarter = { $quarter }
audit-detail-items = items in the plan: { $count }
audit-detail-rows = notifications sent again: { $count }
audit-detail-into-question = merged into question No. { $id }
audit-detail-text = “{ $text }”
