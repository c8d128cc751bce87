## /audit: үйлестірушілер жағының әрекеттері, бас тартулар және олардың себептері (services/audit.py).

audit-action-calendar-view = Жылдық күнтізбені қарау
audit-action-calendar-entry-add = Күнтізбеге кездесу қосу
audit-action-calendar-entry-remove = Күнтізбеден кездесуді алып тастау
audit-action-calendar-upload = Күнтізбені файлдан жүктеу
audit-action-calendar-agree = Мәслихатпен келісуді жазу
audit-action-calendar-agreed = Күнтізбе мәслихатпен келісілді
audit-action-calendar-to_draft = Күнтізбеден кездесу жобасы жасалды
audit-action-calendar-button = Күнтізбе батырмасын басу
audit-action-coverage-view = Елді мекендерді қамтуды қарау
audit-action-feedback-enter = Боттан тыс түскен сұрақтар мен ұсыныстарды енгізу
audit-action-coordinator-invite = Үйлестірушіні шақыру
audit-action-coordinator-accept = Үйлестіруші болу
audit-action-coordinator-revoke = Үйлестірушіге шақыруды кері қайтару
audit-action-coordinator-remove = Үйлестірушіні шығару
audit-action-coordinators-list = Үйлестірушілер тізімін қарау
audit-action-coordinators-button = Үйлестірушілер батырмасын басу
audit-action-demand-read = Кездесу сұрауын қарау
audit-action-demand-answer = Кездесу сұрауына жауап беру
audit-action-demand-scheduled = Сұрау бойынша кездесу тағайындалды
audit-action-demand-declined = Кездесу сұрауы қабылданбады
audit-action-official-forget = Қызметкер өз деректерін жойды
audit-action-staff-command = Қызметтік команданы енгізу
audit-action-staff-button = Қызметтік батырманы басу
audit-action-admin-button = Әкімші батырмасын басу
audit-action-pool-button = Сұрақтар пулы батырмасын басу
audit-action-lifecycle-button = Кездесу батырмасын басу
audit-action-newmeeting-button = Кездесу құру батырмасын басу
audit-action-deadlines-button = Мерзімдер батырмасын басу
audit-action-outbox-button = Хабарламаларды жеткізу батырмасын басу

audit-target-territory = аумақ { $id }
audit-target-demand = № { $id } сұрау
audit-target-outside = № { $id } жазба

audit-detail-entries = жазбалар: { $count }
audit-detail-agreed = { $date } келісілді, № { $number } шешім

audit-reason-already-official = әкімдік қызметкері болып тұр
audit-reason-admin = әкімші
audit-reason-used = сілтеме бұрын пайдаланылған
audit-reason-used-by-you = сілтемені бұл адам бұрын пайдаланған
audit-reason-expired = сілтеменің мерзімі өткен
audit-reason-revoked = сілтеме кері қайтарылған
audit-reason-unknown = белгісіз немесе жалған сілтеме
audit-reason-not-staff = әкімдік қызметкері емес
