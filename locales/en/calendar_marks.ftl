calendar-status-approved-unagreed = Status: approved { $approved } (the maslikhat's agreement is not recorded in the bot).
calendar-status-submitted-unagreed = Status: approved { $approved }, submitted to the Government { $submitted } (the maslikhat's agreement is not recorded in the bot).
