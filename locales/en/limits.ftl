## Hostile or oversized input: the clear answers (issue 8, section 6).

meeting-start-too-far = A meeting can be set at most two years ahead, no later than { $latest }. Give an earlier date and time.
admin-error-start-too-far = A meeting can be set at most two years ahead. Give an earlier date and time.
lc-error-start-too-far = A meeting can be moved at most two years ahead, no later than { $bound }. Give an earlier date and time.

## A screen shortened to fit one message offers its full text.
screen-full-text-button = 📄 Full text
pool-full-answer = Answer:
pool-full-reason = Reason for rejection:

## A staff command typed by someone who is not an official.
staff-command-not-staff =
    /{ $command } is a command for akimat officials. The commands you can use:
    { $commands }
