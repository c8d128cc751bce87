## /audit: the acts of the coordinators' side, the refusals and their reasons (services/audit.py).

audit-action-calendar-view = Viewing an annual calendar
audit-action-calendar-entry-add = Adding a meeting to the calendar
audit-action-calendar-entry-remove = Removing a meeting from the calendar
audit-action-calendar-upload = Uploading the calendar from a file
audit-action-calendar-agree = Recording the maslikhat's agreement
audit-action-calendar-agreed = Calendar agreed with the maslikhat
audit-action-calendar-to_draft = Draft meeting made from the calendar
audit-action-calendar-button = Pressing a calendar button
audit-action-coverage-view = Viewing coverage of localities
audit-action-feedback-enter = Entering questions or proposals received outside the bot
audit-action-coordinator-invite = Inviting a coordinator
audit-action-coordinator-accept = Becoming a coordinator
audit-action-coordinator-revoke = Revoking a coordinator's invitation
audit-action-coordinator-remove = Removing a coordinator
audit-action-coordinators-list = Viewing the coordinators
audit-action-coordinators-button = Pressing a coordinators button
audit-action-demand-read = Viewing a request for a meeting
audit-action-demand-answer = Answering a request for a meeting
audit-action-demand-scheduled = Meeting scheduled on request
audit-action-demand-declined = Request for a meeting declined
audit-action-official-forget = Official deleted their data
audit-action-staff-command = Typing an officials' command
audit-action-staff-button = Pressing an officials' button
audit-action-admin-button = Pressing an administrator's button
audit-action-pool-button = Pressing a question pool button
audit-action-lifecycle-button = Pressing a meeting button
audit-action-newmeeting-button = Pressing a new meeting button
audit-action-deadlines-button = Pressing a deadlines button
audit-action-outbox-button = Pressing a notifications delivery button

audit-target-territory = territory { $id }
audit-target-demand = request No. { $id }
audit-target-outside = entry No. { $id }

audit-detail-entries = records: { $count }
audit-detail-agreed = agreed on { $date }, decision No. { $number }

audit-reason-already-official = already an official
audit-reason-admin = an administrator
audit-reason-used = the link was already used
audit-reason-used-by-you = the link was already used by this person
audit-reason-expired = the link had expired
audit-reason-revoked = the link had been revoked
audit-reason-unknown = unknown or forged link
audit-reason-not-staff = not an official
