calendar-status-approved-unagreed = Статус: утверждён { $approved } (согласование с маслихатом в боте не записано).
calendar-status-submitted-unagreed = Статус: утверждён { $approved }, представлен в Правительство { $submitted } (согласование с маслихатом в боте не записано).
