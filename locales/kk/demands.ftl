## Тұрғындардың кездесу сұраулары (2022 тәртібі, 3.1: күнтізбеден тыс кездесулер халықтың
## талап етуі бойынша өткізіледі).

cmd-demand = Әкімнен кездесу сұрау
cmd-demands = Тұрғындардың кездесу сұраулары

## /demand (тұрғындар)

demand-no-subscriptions = Алдымен елді мекеніңізге жазылыңыз: /subscribe. Кездесуді өз елді мекеніңіздің тұрғыны ретінде сұрайсыз.
demand-pick-locality = Қай елді мекеннің сұрауларын көрсетейін?
demand-list-title = 🙋 <b>Кездесу сұраулары: { $locality }</b>
demand-list-empty = Әзірге сұрау жоқ. Әкімнен белгілі бір тақырыпта кездесу сұрай аласыз.
demand-line = №{ $id } · 👍 { $supports } · { $topic }
demand-line-mine = ✅
demand-support-button = 👍 №{ $id } қолдау
demand-new-button = ➕ Кездесу сұрау
demand-ask-topic =
    <b>Кездесу сұрау</b>
    Әкіммен қандай тақырыпта кездескіңіз келеді? Бір хабарламамен жазыңыз ({ $min }–{ $max } таңба).
    Болдырмау: /cancel
demand-expect-text = Мәтінмен жазыңыз немесе /cancel.
demand-cancelled = Болдырылмады.
demand-created = ✅ №{ $id } сұрауыңыз тіркелді: «{ $topic }». Көршілеріңіз оны /demand арқылы қолдай алады.
demand-support-supported = 👍 Қолдадыңыз. Рақмет!
demand-support-already = Сіз бұл сұрауды бұрын қолдағансыз (әркім бір рет қолдайды).
demand-support-not-neighbour = Бұл сұрауды тек осы елді мекенге жазылғандар қолдай алады.
demand-support-closed = Бұл сұрауға жауап берілген: енді қолдау қажет емес.
demand-support-unknown = Мұндай сұрау жоқ.

## /demands (әкімдік пен үйлестірушілер)

demand-staff-title = 🙋 <b>Тұрғындардың кездесу сұраулары</b>, көп қолдағаны бірінші (хабарлама шегі: { $threshold })
demand-staff-empty = Ашық кездесу сұраулары жоқ.
demand-staff-line = №{ $id } · 👍 { $supports } · { $locality }: { $topic }
demand-open-button = №{ $id }
demand-card =
    🙋 <b>Кездесу сұрауы №{ $id }</b>
    Елді мекен: { $locality }
    Тақырыбы: { $topic }
    Қолдағандар: { $supports }
    Тіркелген: { $when }
    Күйі: { $status }
demand-status-open = жауап күтуде
demand-status-scheduled = кездесу белгіленді
demand-status-declined = бас тартылды
demand-read-only = Сіз бұл сұрауды тек көре аласыз: оған әкімдік қызметкерлері жауап береді.
demand-schedule-button = 📅 Кездесу белгілеу
demand-decline-button = ✖️ Бас тарту
demand-all-button = ⬅️ Барлық сұраулар
demand-schedule-intro = №{ $id } сұрау бойынша күнтізбеден тыс кездесу: өтетін жері мен қатысушылары — сұраудың елді мекені. Сақтаған соң қолдағандарға хабарланады.
demand-summary = Жауап: №{ $id } кездесу сұрауына (күнтізбеден тыс)
demand-scheduled = ✅ №{ $id } сұрау осы кездесуге байланыстырылды; қолдағандарға хабарланады.
demand-ask-reason =
    №{ $id } сұраудан бас тарту себебін жазыңыз ({ $min }–{ $max } таңба): оны қолдағандардың бәрі оқиды.
    Болдырмау: /cancel
demand-declined = №{ $id } сұраудан бас тартылды; қолдағандарға себебі хабарланады.

## Қателер

demand-error-unknown-locality = Бұл елді мекен классификаторда жоқ. /demand арқылы қайта таңдаңыз.
demand-error-no-akimat = Бұл елді мекеннің де, одан жоғары бірліктің де әкімі табылмады.
demand-error-not-neighbour = Кездесуді тек осы елді мекенге жазылғандар сұрай алады.
demand-error-topic-too-short = Тақырып тым қысқа: кемінде { $min } таңба жазыңыз.
demand-error-topic-too-long = Тақырып тым ұзын: { $max } таңбадан аспасын.
demand-error-too-many-open = Сізде жауап күтіп тұрған сұраулар жеткілікті. Әкімдік жауап бергенше күтіңіз.
demand-error-unknown-demand = Мұндай сұрау жоқ.
demand-error-already-answered = Бұл сұрауға жауап берілген.
demand-error-reason-too-short = Себеп тым қысқа: кемінде { $min } таңба жазыңыз.
demand-error-reason-too-long = Себеп тым ұзын: { $max } таңбадан аспасын.
demand-error-wrong-meeting = Бұл кездесу сұрау жіберілген әкімдікке тиесілі емес.

## Хабарламалар

demand-notice-threshold =
    🙋 <b>Кездесу сұрауын { $supports } адам қолдады</b> (шегі: { $threshold })
    №{ $id } · { $locality }: { $topic }
    Жауап беру: /demands
demand-notice-scheduled =
    📅 Сіз қолдаған №{ $id } сұрау бойынша әкімдік кездесу белгіледі: { $when } (кездесу №{ $meeting }).
    { $locality }: { $topic }
    Кездесу жарияланғанда хабарландыру келеді.
demand-notice-declined =
    Сіз қолдаған №{ $id } кездесу сұрауынан әкімдік бас тартты.
    { $locality }: { $topic }
    Себебі: { $reason }
