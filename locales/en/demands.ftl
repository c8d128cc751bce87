## Residents' requests for a meeting (the 2022 rules, 3.1: off-calendar meetings are held at
## the population's demand).

cmd-demand = Ask the akim for a meeting
cmd-demands = Residents' requests for a meeting

## /demand (residents)

demand-no-subscriptions = First subscribe to your locality: /subscribe. You ask for a meeting as a resident of your locality.
demand-pick-locality = Which locality's requests should I show?
demand-list-title = 🙋 <b>Requests for a meeting: { $locality }</b>
demand-list-empty = No requests yet. You can ask the akim for a meeting on a topic.
demand-line = No. { $id } · 👍 { $supports } · { $topic }
demand-line-mine = ✅
demand-support-button = 👍 Support No. { $id }
demand-new-button = ➕ Ask for a meeting
demand-ask-topic =
    <b>Request for a meeting</b>
    What topic would you like to meet the akim about? Write it in one message ({ $min }–{ $max } characters).
    Cancel: /cancel
demand-expect-text = Please write text, or /cancel.
demand-cancelled = Cancelled.
demand-created = ✅ Your request No. { $id } is recorded: “{ $topic }”. Your neighbours can support it with /demand.
demand-support-supported = 👍 You support this request. Thank you!
demand-support-already = You already support this request (everyone supports once).
demand-support-not-neighbour = Only subscribers of this locality can support this request.
demand-support-closed = This request has been answered: no more support is needed.
demand-support-unknown = There is no such request.

## /demands (the akimat and coordinators)

demand-staff-title = 🙋 <b>Residents' requests for a meeting</b>, most supported first (notification threshold: { $threshold })
demand-staff-empty = No open requests for a meeting.
demand-staff-line = No. { $id } · 👍 { $supports } · { $locality }: { $topic }
demand-open-button = No. { $id }
demand-card =
    🙋 <b>Request for a meeting No. { $id }</b>
    Locality: { $locality }
    Topic: { $topic }
    Supporters: { $supports }
    Recorded: { $when }
    State: { $status }
demand-status-open = awaiting an answer
demand-status-scheduled = meeting scheduled
demand-status-declined = declined
demand-read-only = You can only read this request: the akimat's officials answer it.
demand-schedule-button = 📅 Schedule a meeting
demand-decline-button = ✖️ Decline
demand-all-button = ⬅️ All requests
demand-schedule-intro = An off-calendar meeting for request No. { $id }: the venue and audience are the request's locality. Once saved, the supporters are told.
demand-summary = Answers request for a meeting No. { $id } (off the calendar)
demand-scheduled = ✅ Request No. { $id } is linked to this meeting; its supporters will be told.
demand-ask-reason =
    Write why request No. { $id } is declined ({ $min }–{ $max } characters): every supporter will read it.
    Cancel: /cancel
demand-declined = Request No. { $id } declined; its supporters will be told the reason.

## Errors

demand-error-unknown-locality = This locality is not in the classifier. Choose again with /demand.
demand-error-no-akimat = No akim was found for this locality or any unit above it.
demand-error-not-neighbour = Only subscribers of this locality can ask for a meeting.
demand-error-topic-too-short = The topic is too short: write at least { $min } characters.
demand-error-topic-too-long = The topic is too long: at most { $max } characters.
demand-error-too-many-open = You already have enough requests awaiting an answer. Please wait for the akimat's answer.
demand-error-unknown-demand = There is no such request.
demand-error-already-answered = This request has already been answered.
demand-error-reason-too-short = The reason is too short: write at least { $min } characters.
demand-error-reason-too-long = The reason is too long: at most { $max } characters.
demand-error-wrong-meeting = This meeting does not belong to the akimat the request was made to.

## Notifications

demand-notice-threshold =
    🙋 <b>{ $supports } people support a request for a meeting</b> (threshold: { $threshold })
    No. { $id } · { $locality }: { $topic }
    Answer: /demands
demand-notice-scheduled =
    📅 For request No. { $id }, which you support, the akimat scheduled a meeting: { $when } (meeting No. { $meeting }).
    { $locality }: { $topic }
    You will get the invitation when the meeting is announced.
demand-notice-declined =
    The akimat declined request for a meeting No. { $id }, which you support.
    { $locality }: { $topic }
    Reason: { $reason }
