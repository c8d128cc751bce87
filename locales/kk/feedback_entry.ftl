# /received: боттан тыс түскен сұрақтар мен ұсыныстар (handlers/official/feedback_entry.py).
cmd-received = Басқа арналардан түскен сұрақты не ұсынысты енгізу
entry-no-akimat = Әкімдікке басқа арналар арқылы түскенді әкімдіктің лауазымды адамы енгізеді.
entry-ask-akimat = Қай әкімдікке түсті?
entry-ask-kind = Не түсті?
entry-kind-question = ❓ Сұрақ
entry-kind-proposal = 💡 Ұсыныс
entry-ask-channel = Әкімдікке қалай түсті?
entry-channel-reception = 🏛 Қабылдауда
entry-channel-letter = ✉️ Хатпен
entry-channel-site = 🌐 Әкімдіктің сайтында
entry-ask-date = Қай күні түсті? Күнді кк.аа.жжжж түрінде жазыңыз, мысалы 05.11.2026, немесе түймені басыңыз.
entry-today-button = 📅 Бүгін
entry-ask-status = Қазір қандай күйде?
entry-status-question-new = ⏳ Әлі жауап берілмеген
entry-status-question-answered = ✅ Жауап берілді
entry-status-question-rejected = ↩️ Бас тартумен жауап берілді
entry-status-proposal-new = ⏳ Қаралуда
entry-status-proposal-accepted = ✅ Қабылданды
entry-status-proposal-rejected = ❌ Қабылданбады
entry-ask-reference = Қабылданған ұсыныс растайтын сілтемесімен есептеледі: іс-шаралар жоспарының тармағы, актінің тармағы немесе бюджеттік бағдарлама (300 таңбаға дейін).
entry-ask-text = Оның мазмұнын бірнеше сөйлеммен жазыңыз (2000 таңбаға дейін).
entry-error-date = Бұл күн емес. Оны кк.аа.жжжж түрінде жазыңыз, мысалы 05.11.2026.
entry-error-date-future = Бұл күн әлі келген жоқ. Түскен күнін жазыңыз.
entry-error-date-old = Бұл екі жылдан бұрын; мұндай жазба ағымдағы ешбір кезеңге кірмейді.
entry-error-text = Мазмұны 1-ден 2000 таңбаға дейін болуы керек.
entry-error-reference = Сілтеме 1-ден 300 таңбаға дейін болуы керек.
entry-error-status = Бұл күй жазбаның осы түріне келмейді. /received арқылы қайта бастаңыз.
entry-stale = Бұл түйме ескірген. /received арқылы қайта бастаңыз.
entry-use-buttons-or-text = Бұл қадамға жоғарыдағы түймелермен немесе сұралғандай жауап беріңіз, не /cancel.
entry-saved = ✅ № { $number } жазба сақталып, кері байланыс көрсеткішіне есептелді.
    { $kind } · { $channel } · { $day }
    { $status }
    <i>{ $text }</i>
