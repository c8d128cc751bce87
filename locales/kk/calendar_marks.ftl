calendar-status-approved-unagreed = Күйі: бекітілді { $approved } (мәслихатпен келісу ботта жазылмаған).
calendar-status-submitted-unagreed = Күйі: бекітілді { $approved }, Үкіметке ұсынылды { $submitted } (мәслихатпен келісу ботта жазылмаған).
