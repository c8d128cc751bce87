## /channel: әкімдіктің Telegram арнасы (handlers/official/channel.py)

cmd-channel = Әкімдіктің Telegram арнасы
channel-no-akimat = Өзіңізге қолжетімді әкімдіктің ҚАТО кодын көрсетіңіз, мысалы /channel 623600000. Арнаны әкімдік қызметкерлері /channel командасымен байланыстырады.
channel-title = 📢 <b>Telegram арнасы</b> · { $akimat }
channel-none = 📢 <b>Telegram арнасы</b> · { $akimat }
    Арна байланыстырылмаған. Байланыстырылғанда бот онда кездесу хабарландыруларын, жарияланған іс-қимыл жоспарларын, тоқсан сайынғы орындалу есептерін және жыл қорытындысын жариялайды.
channel-how =
    Қалай байланыстыру керек:
    1. Арнаның баптауларында ботты хабарлама жариялау құқығы бар әкімші етіп қосыңыз.
    2. Маған арнаның @username атын немесе t.me сілтемесін жіберіңіз, не арнадағы кез келген жазбаны қайта жіберіңіз.
    Сіз арнаның иесі немесе әкімшілерінің бірі болуыңыз керек.
channel-linked =
    Арна: { $name }
    Жазбалардың тілі: { $language }
    Соңғы тексеру: { $checked }
channel-active = ✅ Бот арнаға жариялай алады.
channel-broken =
    ⚠️ <b>{ $at } бастап бот арнаға жариялай алмайды</b>: { $reason }
    Арнада түзетіп, «Қайта тексеру» батырмасын баспайынша ештеңе жарияланбайды.
channel-language-kk = қазақша
channel-language-ru = орысша
channel-language-both = қазақша және орысша
channel-pick-language = Жазбалар қай тілде жариялансын?
channel-check-button = 🔄 Қайта тексеру
channel-unlink-button = Арнаны ажырату
channel-unlink-confirm = { $name } ажыратылсын ба? Бот онда жарияламайтын болады; жарияланғандар қалады.
channel-unlink-yes = Иә, ажырату
channel-unlink-no = Жоқ
channel-unlinked = Арна ажыратылды.
channel-linked-toast = Арна байланыстырылды.
channel-check-ok = Бәрі дұрыс: бот жариялай алады.
channel-expired = Бұл таңдаудың мерзімі өтті: /channel командасын қайта жіберіңіз.
channel-refused-reference = Бұл арна емес. Арнаның @username атын (мысалы, @akimat_channel), t.me сілтемесін жіберіңіз немесе арнадан жазбаны қайта жіберіңіз.
channel-refused-private = Бот шақыру сілтемесін аша алмайды. Арнадағы кез келген жазбаны қайта жіберіңіз.
channel-refused-not_found = Telegram мұндай арнаны білмейді, не арна жабық және бот онда жоқ. Алдымен ботты әкімші етіп қосыңыз.
channel-refused-not_channel = Бұл арна емес (топ немесе адам). Тек арнаны байланыстыруға болады.
channel-refused-bot_not_admin = Бот бұл арнаның әкімшісі емес. Оны арна баптауларында → Әкімшілер бөлімінде қосыңыз.
channel-refused-no_post_right = Бот әкімші, бірақ хабарлама жариялай алмайды. Оған «Хабарлама жариялау» құқығын беріңіз.
channel-refused-official_not_admin = Сіз бұл арнаның иесі де, әкімшісі де емессіз, сондықтан оны байланыстыра алмайсыз.
channel-reason-left = бот арнадан шығарылды
channel-reason-kicked = бот арнада бұғатталды
channel-reason-no_post_right = бот енді хабарлама жариялай алмайды
channel-reason-not_found = арна енді жоқ
channel-reason-not_channel = чат енді арна емес
channel-reason-bot_not_admin = бот енді әкімші емес
channel-notice-broken =
    ⚠️ <b>Әкімдік арнасы жұмыс істемей тұр</b>
    Бот «{ $title }» арнасына енді жариялай алмайды ({ $at }): { $reason }.
    Түзетілмейінше хабарландырулар мен қорытындылар онда жарияланбайды: /channel
channel-year-title = 📊 <b>{ $akimat }: { $year } жылдың қорытындысы</b>
channel-year-index = Кері байланыс көрсеткіші: { $percent } % ({ $band })
channel-year-index-zero = Кері байланыс көрсеткіші: 0 % — қорытындылар уақытында ашық қолжетімділікте болмады: { $reasons }
channel-zero-plan = іс-қимыл жоспары
channel-zero-report = тоқсандық орындалу есебі
channel-year-counts =
    Ұсыныстар: { $proposals }, қабылданды { $accepted }
    Сұрақтар: { $questions }, жауап берілді { $answered }
channel-year-on-time =
    Іс-қимыл жоспарлары: уақытында { $plans }, кешігіп { $plans_late }, жоқ { $plans_missing }
    Тоқсандық есептер: уақытында { $reports }, кешігіп { $reports_late }, жоқ { $reports_missing }
channel-year-source = Жылдың қорытынды нәтижелері: { act-004 }, 16-тармақ. Kezdesu боты есептеді.
audit-action-channel-view = Әкімдік арнасын қарау
audit-action-channel-link = Әкімдік арнасын байланыстыру
audit-action-channel-check = Әкімдік арнасын тексеру
audit-action-channel-unlink = Әкімдік арнасын ажырату
channel-record-line = 📢 { $title }{ $broken ->
        [yes] {" "}(жұмыс істемейді)
       *[no] {""}
    }: жоспарлар жарияланды { $plans }, жетпеді { $plans_failed }; есептер жарияланды { $reports }, жетпеді { $reports_failed }

report-xlsx-sheet-channel = Арна
report-xlsx-channel-title = Арна
report-xlsx-channel-state = Күйі
report-xlsx-channel-active = қосылған
report-xlsx-channel-broken = үзілген: бот жариялай алмайды
report-xlsx-channel-plans-sent = Жарияланған жоспарлар
report-xlsx-channel-plans-failed = Жарияланбаған жоспарлар
report-xlsx-channel-reports-sent = Жарияланған тоқсандық есептер
report-xlsx-channel-reports-failed = Жарияланбаған тоқсандық есептер
report-xlsx-channel-pending = Жолдағы жарияланымдар
report-xlsx-channel-last = Соңғы жарияланым
